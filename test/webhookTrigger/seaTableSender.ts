// Posts exactly as SeaTable's webhook sender does (dtable-events `Webhooker`, protocol notes §2.4.2):
// the body is Python's `json.dumps` (", " and ": " separators, ensure_ascii), the signature is the
// HMAC-SHA256 of those bytes, the headers are python-requests'. A receiver that re-serialises the
// body before verifying gets other bytes and fails.
import { createHmac } from 'node:crypto';
import { request } from 'node:http';

/** Python's `json.dumps(value)` with its defaults. Floats must not be whole numbers (Python writes 1.0). */
export function pythonJsonDumps(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error('json.dumps(allow_nan=False) refuses NaN and Infinity');
		return String(value);
	}
	if (typeof value === 'string') return asciiString(value);
	if (Array.isArray(value)) return '[' + value.map(pythonJsonDumps).join(', ') + ']';
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).map(([key, entry]) => `${asciiString(key)}: ${pythonJsonDumps(entry)}`);
		return '{' + entries.join(', ') + '}';
	}
	throw new Error(`json.dumps cannot write a ${typeof value}`);
}

// JSON.stringify escapes quotes, backslashes and control characters as Python does (lowercase
// \u00xx); ensure_ascii then writes every other non-ASCII UTF-16 unit as \uXXXX.
function asciiString(text: string): string {
	return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (char) => '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0'));
}

export function seaTableSignature(secret: string, body: Buffer | string): string {
	return 'sha256=' + createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('hex');
}

export interface SentRequest {
	status: number;
	json: Record<string, unknown> | undefined;
	text: string;
}

export interface SendOptions {
	secret?: string;
	/** Override the signature header (e.g. a wrong one); null sends none even with a secret. */
	signature?: string | null;
	contentType?: string;
	/** Send these bytes instead of json.dumps(body). */
	rawBody?: Buffer | string;
}

/** POST like `requests.post(url, json=body, headers=headers, timeout=30)`. */
export async function sendLikeSeaTable(url: string, body: unknown, options: SendOptions = {}): Promise<SentRequest> {
	const raw = options.rawBody ?? pythonJsonDumps(body);
	const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
	const headers: Record<string, string> = {
		'User-Agent': 'python-requests/2.31.0',
		'Accept-Encoding': 'gzip, deflate',
		Accept: '*/*',
		Connection: 'keep-alive',
		'Content-Length': String(bytes.length),
		'Content-Type': options.contentType ?? 'application/json',
	};
	const signature = options.signature === undefined ? (options.secret ? seaTableSignature(options.secret, bytes) : undefined) : options.signature;
	if (signature !== null && signature !== undefined) headers['X-SeaTable-Signature'] = signature;
	return await new Promise<SentRequest>((resolve, reject) => {
		const req = request(url, { method: 'POST', headers, timeout: 30_000, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				// requests.post() closes its session, and with it the connection, after each request.
				res.socket?.destroy();
				const text = Buffer.concat(chunks).toString('utf8');
				let json: Record<string, unknown> | undefined;
				try {
					json = JSON.parse(text) as Record<string, unknown>;
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode ?? 0, json, text });
			});
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error('no answer within 30 s (SeaTable would count a failure)')));
		req.on('error', reject);
		req.end(bytes);
	});
}
