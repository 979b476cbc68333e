// Reads the expiry of a SeaTable base token. The signature is the server's business: we only need
// `exp` to refresh the token before it runs out.

/** Returns the JWT's `exp` claim in milliseconds since the epoch, or undefined if it has none. */
export function jwtExpiry(token: string): number | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	try {
		const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
		return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
	} catch {
		return undefined;
	}
}
