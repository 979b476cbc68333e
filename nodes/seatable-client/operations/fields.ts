// Defensive readers for untrusted operation fields: a malformed operation must never throw, and
// keys such as `__proto__`, `constructor` or `prototype` (row ids and column names are anyone's
// choice) are read and written as ordinary keys, never reaching Object.prototype.
import type { JsonObject } from './types';

/** The value of an own property only: `row_ids: ["__proto__"]` must not find Object.prototype. */
export function ownField(source: JsonObject, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;
}

/** Sets `key` as an own, enumerable property, also when it is `__proto__`. */
export function setField(target: JsonObject, key: string, value: unknown): void {
	if (key === '__proto__') {
		Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
	} else {
		target[key] = value;
	}
}

// Fixed field names (`op_type`, `row_data`, `_id`…) are no Object.prototype member, so a direct read
// (`op.row_data`) finds own fields only, and stays fast where every change passes: asString and
// asRecord take such a value. Keys that come from the data (row ids, column keys) or from a variable
// go through ownField (recordField).

export function asString(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

export function asRecord(value: unknown): JsonObject | undefined {
	return isRecord(value) ? value : undefined;
}

export function isRecord(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function recordField(source: JsonObject, key: string): JsonObject | undefined {
	const value = ownField(source, key);
	return isRecord(value) ? value : undefined;
}

export function toStringArray(value: unknown): string[] | undefined {
	if (!Array.isArray(value)) return undefined;
	for (const element of value) {
		// Only copy in the rare case of mixed content; the common case returns the array itself.
		if (typeof element !== 'string') return value.filter((entry): entry is string => typeof entry === 'string');
	}
	return value as string[];
}
