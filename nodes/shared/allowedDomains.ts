// n8n adds "Allowed HTTP Request Domains" to every credential with `authenticate`, and its HTTP
// helpers refuse other hosts. These nodes make their own requests (axios, socket.io), so they
// apply the same rule themselves: to the Server URL's host and to the base's dtable_server host.

export interface DomainRestriction {
	/** 'all' (default), 'domains' or 'none', as n8n stores the setting. */
	allowedHttpRequestDomains?: unknown;
	/** Comma-separated, `*.example.com` for subdomains. */
	allowedDomains?: unknown;
}

const SETTING = '"Allowed HTTP Request Domains"';

/** Whether the credential restricts hosts at all (so callers can skip the base-token lookup). */
export function restrictsDomains(credential: DomainRestriction): boolean {
	const mode = credential.allowedHttpRequestDomains;
	return mode === 'none' || mode === 'domains';
}

export interface DomainProblem {
	message: string;
	/** What to do about it. */
	description: string;
}

/** Why the credential does not allow requests to `url`, naming the setting; undefined when it does. */
export function domainProblem(credential: DomainRestriction, url: string, what: string): DomainProblem | undefined {
	const mode = credential.allowedHttpRequestDomains;
	const host = hostOf(url);
	if (mode === 'none') {
		return {
			message: `The credential does not allow requests to ${host} (${what}): its ${SETTING} is "None"`,
			description: `In the SeaTable Realtime API credential, set ${SETTING} to "Specific Domains" with ${host} in "Allowed Domains", or to "All".`,
		};
	}
	if (mode !== 'domains') return undefined;
	const allowedDomains = typeof credential.allowedDomains === 'string' ? credential.allowedDomains : '';
	// n8n's own check lets everything through an empty list; n8n's HTTP Request node blocks it. So do we.
	if (isAllowedHost(host, allowedDomains)) return undefined;
	return {
		message: `The credential does not allow requests to ${host} (${what}): ${host} is not in its "Allowed Domains" (${SETTING} is "Specific Domains")`,
		description: `In the SeaTable Realtime API credential, add ${host} to "Allowed Domains" (now: ${allowedDomains.trim() || 'empty'}), or set ${SETTING} to "All".`,
	};
}

/**
 * n8n's matching rule: exact host names, and `*.example.com` for subdomains only (not example.com
 * itself), case and trailing dot ignored. Written out here: n8n-workflow's isDomainAllowed takes
 * (url, { allowedDomains }) in 2.8 and ({ url, allowedDomains }) in 2.41, and the nodes run on both.
 */
function isAllowedHost(host: string, allowedDomains: string): boolean {
	const hostname = host.toLowerCase().replace(/\.$/, '');
	if (!hostname) return false;
	return allowedDomains
		.split(',')
		.map((domain) => domain.trim().toLowerCase().replace(/\.$/, ''))
		.filter(Boolean)
		.some((domain) => (domain.startsWith('*.') ? domain.length > 2 && hostname.endsWith(domain.slice(1)) : hostname === domain));
}

function hostOf(url: string): string {
	try {
		return new URL(url).hostname || url;
	} catch {
		return url;
	}
}
