// Checks X-SeaTable-Signature over the exact bytes received, in constant time.
import { timingSafeEqual } from 'node:crypto';

import { signBody } from '../webhook';

export type SignatureCheck = 'valid' | 'missing' | 'invalid';

/**
 * SeaTable signs `json.dumps(body)`, which is exactly what it sends, so the raw bytes are the
 * only thing to verify: a re-serialised body would differ (spacing, escapes, key order).
 */
export function checkSignature(rawBody: Buffer, header: string | undefined, secret: string): SignatureCheck {
	const given = (header ?? '').trim();
	if (given === '') return 'missing';
	const expected = Buffer.from(signBody(rawBody, secret));
	// Hex digits may come in either case; the prefix and length are not secret.
	const received = Buffer.from(given.toLowerCase());
	if (received.length !== expected.length) return 'invalid';
	return timingSafeEqual(received, expected) ? 'valid' : 'invalid';
}
