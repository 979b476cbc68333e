// Defensive readers for untrusted operation fields: a malformed operation must never throw.
import type { JsonObject } from './types';

export function isRecord(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(source: JsonObject, key: string): string | undefined {
	const value = source[key];
	return typeof value === 'string' ? value : undefined;
}

export function recordField(source: JsonObject, key: string): JsonObject | undefined {
	const value = source[key];
	return isRecord(value) ? value : undefined;
}

/** The string elements of an array field; undefined when the field is not an array. */
export function stringArrayField(source: JsonObject, key: string): string[] | undefined {
	return toStringArray(source[key]);
}

export function toStringArray(value: unknown): string[] | undefined {
	if (!Array.isArray(value)) return undefined;
	for (const element of value) {
		// Only copy in the rare case of mixed content; the common case returns the array itself.
		if (typeof element !== 'string') return value.filter((entry): entry is string => typeof entry === 'string');
	}
	return value as string[];
}
