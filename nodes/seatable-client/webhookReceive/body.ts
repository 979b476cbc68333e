// The request body: JSON only, bounded, parsed from the raw bytes.
import { isRecord } from '../operations/fields';
import type { JsonObject } from '../operations/types';

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

export type Problem = { error: string; hint: string };

/** What is wrong with the content type or size, before anything is parsed or verified. */
export function envelopeProblem(contentType: string | undefined, rawBody: Buffer | undefined, maxBytes = DEFAULT_MAX_BODY_BYTES): Problem | undefined {
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type !== 'application/json' && !type.endsWith('+json')) {
		return {
			error: `The content type must be application/json, not ${type === '' ? 'none' : shorten(type)}`,
			hint: 'Send the body as JSON with the header Content-Type: application/json',
		};
	}
	if (rawBody === undefined || rawBody.length === 0) return { error: 'The body is empty', hint: 'Send a JSON object' };
	if (rawBody.length > maxBytes) {
		return {
			error: `The body has ${rawBody.length} bytes, more than the limit of ${maxBytes}`,
			hint: 'Send less data, for example only the row id, and read the row from SeaTable afterwards',
		};
	}
	return undefined;
}

export function parseJsonObject(rawBody: Buffer): { body: JsonObject; problem?: undefined } | { problem: Problem; body?: undefined } {
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch (error) {
		return { problem: { error: `The body is not valid JSON (${shorten((error as Error).message)})`, hint: 'Send a JSON object' } };
	}
	if (!isRecord(parsed)) {
		return {
			problem: {
				error: `The body must be a JSON object, not ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed}`,
				hint: 'Send a JSON object such as {"action": "approve", "_id": "<row id>"}',
			},
		};
	}
	return { body: parsed };
}

function shorten(text: string): string {
	return text.length > 80 ? text.slice(0, 79) + '…' : text;
}
