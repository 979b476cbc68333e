// Server text (error bodies, status lines, redirect targets) can echo what we sent: a proxy that
// prints the Authorization header, a receiver that reflects custom headers. Every such text passes
// through here before it reaches a message, a description or a log line.

// Shorter values (e.g. a header "1") would mangle ordinary words and are no credential.
const MIN_SECRET_LENGTH = 4;

/**
 * The strings to hide for these sent values: each value, and for "Scheme credential" values
 * (`Token …`, `Bearer …`) the credential alone, since a server may echo just that.
 */
export function secretsOf(values: Iterable<string | undefined>): string[] {
	const secrets = new Set<string>();
	for (const value of values) {
		const text = (value ?? '').trim();
		if (text.length < MIN_SECRET_LENGTH) continue;
		secrets.add(text);
		const credential = /^[A-Za-z][\w-]*\s+(\S+)$/.exec(text)?.[1];
		if (credential !== undefined && credential.length >= MIN_SECRET_LENGTH) secrets.add(credential);
	}
	// Longest first, so "Token abc" is hidden whole rather than leaving "Token ".
	return [...secrets].sort((a, b) => b.length - a.length);
}

export function redactSecrets(text: string, secrets: readonly string[], placeholder = '[redacted]'): string {
	let result = text;
	for (const secret of secrets) {
		if (secret !== '' && result.includes(secret)) result = result.split(secret).join(placeholder);
	}
	return result;
}

// Enough of a server's text to recognise it, short enough for one line.
const SERVER_TEXT_LENGTH = 300;

/** The server's text as it may be shown: secrets redacted first (so a cut cannot leave half of one), then cut to one line's length. */
export function safeServerText(text: string, secrets: readonly string[], placeholder?: string): string {
	const redacted = redactSecrets(text, secrets, placeholder);
	return redacted.length > SERVER_TEXT_LENGTH ? `${redacted.slice(0, SERVER_TEXT_LENGTH)}…` : redacted;
}
