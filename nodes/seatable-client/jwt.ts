// Reads the expiry of a SeaTable base token. The signature is the server's business: we only need
// `exp` to refresh the token before it runs out.
import { readJsonObject } from './json';

/** Returns the JWT's `exp` claim in milliseconds since the epoch, or undefined if it has none. */
export function jwtExpiry(token: string): number | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	const payload = readJsonObject(Buffer.from(parts[1], 'base64url').toString('utf8'));
	return typeof payload?.exp === 'number' ? payload.exp * 1000 : undefined;
}
