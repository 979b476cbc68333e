// Identifier formats SeaTable uses: 22-char row ids, 4-char table/column/view keys, 6-digit option ids.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Like slugid.nice(): 16 random bytes, URL-safe base64 without padding. */
export function newRowId(): string {
	return randomBytes(16).toString('base64url');
}

/** A 4-character key not in `taken` (table ids, column keys and view ids are 4 chars). */
export function newShortKey(taken: Iterable<string>): string {
	const used = new Set(taken);
	for (;;) {
		let key = '';
		for (let i = 0; i < 4; i++) key += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
		if (!used.has(key)) return key;
	}
}

export function newOptionId(taken: Iterable<string>): string {
	const used = new Set(taken);
	for (;;) {
		const id = String(randomInt(100000, 1000000));
		if (!used.has(id)) return id;
	}
}

export function newUuid(): string {
	return randomUUID();
}

/** API tokens are 40 hex characters. */
export function newApiToken(): string {
	return randomBytes(20).toString('hex');
}

/** SeaTable's row timestamp format, e.g. 2023-08-20T04:59:21.673+00:00. */
export function seaTableTime(date = new Date()): string {
	return date.toISOString().replace('Z', '+00:00');
}
