// Minimal HS256 JSON Web Tokens with node:crypto, shaped like SeaTable's base tokens.
import { createHmac, timingSafeEqual } from 'node:crypto';

// Same header (and key order) as the documented SeaTable example token: eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.
const HEADER = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256' })).toString('base64url');

function signature(data: string, secret: Buffer): string {
	return createHmac('sha256', secret).update(data).digest('base64url');
}

export function signJwt(payload: Record<string, unknown>, secret: Buffer): string {
	const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
	const data = `${HEADER}.${body}`;
	return `${data}.${signature(data, secret)}`;
}

/** The payload when the token is well formed, HS256 and correctly signed; otherwise undefined. Does not check `exp`. */
export function verifyJwt(token: unknown, secret: Buffer): Record<string, unknown> | undefined {
	if (typeof token !== 'string') return undefined;
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	const [header, body, sig] = parts;
	const expected = Buffer.from(signature(`${header}.${body}`, secret));
	const given = Buffer.from(sig);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
	try {
		const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
		if (head.alg !== 'HS256') return undefined;
		const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
		if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
		return payload as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

/** Decodes the payload without verifying (for tests and diagnostics). */
export function decodeJwt(token: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * Parses the `exp` query parameter of app-access-token (`5h`, `3d`; SeaTable >= 6.0) into seconds.
 * Minutes/seconds are accepted too because the docs only give examples, not a grammar.
 */
export function parseExpiry(text: string): number | undefined {
	const match = /^(\d+)([smhd])$/.exec(text.trim());
	if (!match) return undefined;
	const unit = { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
	const seconds = Number(match[1]) * unit;
	return seconds > 0 ? seconds : undefined;
}
