// Reading JSON from a server that is expected to hold an object (an operation, a notification).

/**
 * `data` as a JSON object: JSON text is parsed, any other value is taken as already parsed (socket.io
 * delivers an object sent as one). `null` when it is JSON but no object, `undefined` when it is not JSON.
 */
export function readJsonObject(data: unknown): Record<string, unknown> | null | undefined {
	let value: unknown;
	try {
		value = typeof data === 'string' ? JSON.parse(data) : data;
	} catch {
		return undefined;
	}
	return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
}
