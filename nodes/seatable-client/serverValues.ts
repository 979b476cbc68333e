// Values from the server that the stream relies on, read defensively: a hostile or broken server
// must not be able to silence the trigger with an absurd version, or crash n8n with a deep payload.
import { readJsonObject } from './json';
import { logValue } from './logger';

/** Deeper than this, a payload is refused: n8n could not save an execution holding it. */
export const MAX_PAYLOAD_DEPTH = 100;

/** A base version, or undefined unless it is a non-negative safe integer (a numeric string counts). */
export function toVersion(value: unknown): number | undefined {
	let number: number;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && /^\d{1,16}$/.test(value.trim())) number = Number(value.trim());
	else return undefined;
	return Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

/**
 * True when objects or arrays are nested more than `max` levels deep. Recursive, but never deeper
 * than `max` + 1 calls; no allocation, since every change passes through here.
 */
export function nestedDeeperThan(value: unknown, max = MAX_PAYLOAD_DEPTH): boolean {
	return value !== null && typeof value === 'object' && deeperThan(value, 1, max);
}

function deeperThan(value: object, depth: number, max: number): boolean {
	if (depth > max) return true;
	if (Array.isArray(value)) {
		for (const child of value as unknown[]) {
			if (child !== null && typeof child === 'object' && deeperThan(child, depth + 1, max)) return true;
		}
		return false;
	}
	for (const key in value) {
		if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
		const child = (value as Record<string, unknown>)[key];
		if (child !== null && typeof child === 'object' && deeperThan(child, depth + 1, max)) return true;
	}
	return false;
}

/**
 * True when JSON text holds at most `max` opening brackets: whatever it parses to is then nested
 * at most `max` levels deep. Counting them is cheaper than walking the parsed value.
 */
function fewBrackets(text: string, max: number): boolean {
	let count = 0;
	for (let index = text.indexOf('{'); index !== -1; index = text.indexOf('{', index + 1)) if (++count > max) return false;
	for (let index = text.indexOf('['); index !== -1; index = text.indexOf('[', index + 1)) if (++count > max) return false;
	return true;
}

/** `value` parsed from `data`: too deep for n8n to save? */
function tooDeep(data: unknown, value: object): boolean {
	if (typeof data === 'string' && fewBrackets(data, MAX_PAYLOAD_DEPTH)) return false;
	return nestedDeeperThan(value);
}

type Invalid = { invalid: string };

/** An `update-dtable` event: the operation as an object, and its version when it has a usable one. */
export function readUpdate(data: unknown, version: unknown): { operation: Record<string, unknown>; version: number | undefined } | Invalid {
	const operation = readJsonObject(data);
	// The version is formatted for the log only when a change is refused: not on the hot path.
	if (operation === undefined) return { invalid: `update-dtable payload is not JSON (version ${logValue(version)})` };
	if (operation === null || typeof operation.op_type !== 'string') return { invalid: `update-dtable payload has no op_type (version ${logValue(version)})` };
	if (tooDeep(data, operation)) return { invalid: `update-dtable payload is nested deeper than ${MAX_PAYLOAD_DEPTH} levels (version ${logValue(version)})` };
	// Only a safe integer is a version; anything else is passed on as "no usable version".
	return { operation, version: toVersion(version) };
}

export function readNotification(data: unknown): { notification: Record<string, unknown> } | Invalid {
	const notification = readJsonObject(data);
	if (notification === undefined) return { invalid: 'new-notification payload is not JSON' };
	if (notification === null) return { invalid: 'new-notification payload is not an object' };
	if (tooDeep(data, notification)) return { invalid: `new-notification payload is nested deeper than ${MAX_PAYLOAD_DEPTH} levels` };
	return { notification };
}
