// n8n's HTTP APIs as a client: the internal REST API under /rest (what the editor uses, with the
// login cookie bound to a browser id) and the public API under /api/v1 (with an API key), plus the
// owner, login and API-key setup both need. Endpoints were checked against n8n 2.8.4's compiled
// sources (node_modules/n8n/dist) and by running it.
import { randomUUID } from 'crypto';

import { N8nProcess } from './process';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export const DEFAULT_OWNER: Owner = {
	email: 'owner@seatable-realtime.test',
	// n8n wants 8–64 characters with a digit and an upper-case letter.
	password: 'E2e-Owner-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};

export class HttpError extends Error {
	constructor(
		readonly method: string,
		readonly url: string,
		readonly status: number,
		readonly body: string,
	) {
		super(`${method} ${url} answered ${status}: ${body.slice(0, 1000)}`);
	}
}

export class N8nClient extends N8nProcess {
	/** Sent with every REST call: n8n binds its auth cookie to this header. */
	readonly browserId = randomUUID();
	owner: Owner = DEFAULT_OWNER;
	apiKey?: string;

	private cookie?: string;

	/** URL of a production webhook of an active workflow (`test` for the editor's test webhook). */
	webhookUrl(webhookPath: string, test = false): string {
		return `${this.baseUrl}/${test ? 'webhook-test' : 'webhook'}/${webhookPath.replace(/^\/+/, '')}`;
	}

	// ---- owner, login, API key (internal REST API under /rest, cookie auth) ----

	/** Creates the instance owner (only possible once per user folder) and keeps the login cookie. */
	async setupOwner(owner: Owner = DEFAULT_OWNER): Promise<void> {
		this.owner = owner;
		await this.rest('POST', '/owner/setup', owner);
		if (!this.cookie) throw new Error('owner setup answered without an auth cookie');
	}

	async login(owner: Owner = this.owner): Promise<void> {
		this.owner = owner;
		this.cookie = undefined;
		// emailOrLdapLoginId in n8n 1.123 and 2.8 alike.
		await this.rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		if (!this.cookie) throw new Error('login answered without an auth cookie');
	}

	/** Owner setup on a fresh user folder, login when the owner exists already (e.g. a reused folder). */
	async ensureOwner(owner: Owner = DEFAULT_OWNER): Promise<void> {
		try {
			await this.setupOwner(owner);
		} catch (error) {
			if (!(error instanceof HttpError) || error.status !== 400) throw error;
			await this.login(owner);
		}
	}

	/** Creates a public-API key with every scope the owner may have, and uses it from now on. */
	async createApiKey(label = `e2e-${Date.now()}`): Promise<string> {
		// Unlicensed n8n grants all the role's scopes anyway; asking for them keeps the request valid.
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes').catch((error: unknown) => {
			if (error instanceof HttpError && error.status === 404) return undefined; // n8n before API-key scopes
			throw error;
		});
		const body: Record<string, unknown> = { label };
		if (scopes) {
			body.scopes = scopes;
			body.expiresAt = null;
		}
		const created = await this.rest<{ rawApiKey?: string; apiKey: string }>('POST', '/api-keys', body);
		this.apiKey = created.rawApiKey ?? created.apiKey;
		if (!this.apiKey) throw new Error(`API key creation answered ${JSON.stringify(created)}`);
		return this.apiKey;
	}

	/** ensureOwner() + createApiKey(): ready for the public API. */
	async setup(owner: Owner = DEFAULT_OWNER): Promise<void> {
		await this.ensureOwner(owner);
		if (!this.apiKey) await this.createApiKey();
	}

	/** Call n8n's internal REST API (what the editor uses); answers are unwrapped from `{ data }`. */
	async rest<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const headers: Record<string, string> = { 'browser-id': this.browserId, accept: 'application/json' };
		if (this.cookie) headers.cookie = this.cookie;
		const response = await this.request(method, `${this.baseUrl}/rest${route}`, headers, body);
		this.keepAuthCookie(response.headers);
		const json = response.json as { data?: T } | undefined;
		return (json && typeof json === 'object' && 'data' in json ? json.data : json) as T;
	}

	// ---- public API (/api/v1, X-N8N-API-KEY) ----

	async api<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		if (!this.apiKey) throw new Error('no API key yet: call createApiKey() or setup() first');
		const response = await this.request(
			method,
			`${this.baseUrl}/api/v1${route}`,
			{ 'X-N8N-API-KEY': this.apiKey, accept: 'application/json' },
			body,
		);
		return response.json as T;
	}

	/**
	 * Node and credential type names n8n loaded, read from the type files n8n writes at start and the
	 * editor loads (`/types/nodes.json`, `/types/credentials.json`; they need the login cookie).
	 */
	async listNodeTypes(): Promise<{ nodes: string[]; credentials: string[] }> {
		const fetchTypes = async (file: string) => {
			const headers: Record<string, string> = { 'browser-id': this.browserId };
			if (this.cookie) headers.cookie = this.cookie;
			const response = await this.request('GET', `${this.baseUrl}/types/${file}`, headers);
			return (response.json as Array<{ name: string }>).map((type) => type.name);
		};
		const nodes = await fetchTypes('nodes.json');
		const credentials = await fetchTypes('credentials.json');
		return { nodes: [...new Set(nodes)].sort(), credentials: [...new Set(credentials)].sort() };
	}

	private keepAuthCookie(headers: Headers): void {
		for (const line of headers.getSetCookie()) {
			const [pair] = line.split(';');
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
	}

	private async request(
		method: string,
		url: string,
		headers: Record<string, string>,
		body?: unknown,
	): Promise<{ status: number; headers: Headers; json: unknown }> {
		const init: RequestInit = { method, headers: { ...headers }, signal: AbortSignal.timeout(60_000) };
		if (body !== undefined) {
			(init.headers as Record<string, string>)['content-type'] = 'application/json';
			init.body = JSON.stringify(body);
		}
		const response = await fetch(url, init);
		const text = await response.text();
		if (!response.ok) throw new HttpError(method, url, response.status, text);
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			throw new HttpError(method, url, response.status, `not JSON: ${text.slice(0, 200)}`);
		}
		return { status: response.status, headers: response.headers, json };
	}
}
