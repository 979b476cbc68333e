// One POST over pooled keep-alive connections, within a deadline and a size limit; the answer as
// it came, or the failure.
import axios, { type AxiosResponse } from 'axios';
import http from 'node:http';
import https from 'node:https';

import { boundedExchange } from '../exchangeLimits';

// One keep-alive agent per protocol: Node pools sockets per host:port inside each agent, so a
// loop over many items reuses a few connections. Idle sockets are unref'd by Node and do not keep
// the process alive.
const agents: { http?: http.Agent; https?: https.Agent } = {};

function agentFor(protocol: string): { httpAgent?: http.Agent; httpsAgent?: https.Agent } {
	const options = { keepAlive: true, maxSockets: 32, maxFreeSockets: 8 };
	if (protocol === 'https:') {
		agents.https ??= new https.Agent(options);
		return { httpsAgent: agents.https };
	}
	agents.http ??= new http.Agent(options);
	return { httpAgent: agents.http };
}

/** Closes the pooled connections (for tests and shutdown); later deliveries make new agents. */
export function destroyWebhookAgents(): void {
	agents.http?.destroy();
	agents.https?.destroy();
	delete agents.http;
	delete agents.https;
}

export type Outcome = { response: AxiosResponse<Buffer> } | { failure: unknown };

export async function postOnce(
	url: URL,
	body: Buffer,
	headers: Record<string, string>,
	timeoutMs: number,
	maxResponseBytes: number,
	signal: AbortSignal | undefined,
): Promise<Outcome> {
	try {
		const config = {
			method: 'POST',
			url: url.href,
			data: body,
			headers,
			timeout: timeoutMs,
			adapter: 'http' as const,
			...agentFor(url.protocol),
			// A signed request goes only where it was meant to; 3xx is reported, not followed.
			maxRedirects: 0,
			responseType: 'arraybuffer' as const,
			transformRequest: [(data: Buffer) => data],
			transformResponse: [(data: Buffer) => data],
			validateStatus: () => true,
			transitional: { clarifyTimeoutError: true },
		};
		const limits = { deadlineMs: timeoutMs, maxBytes: maxResponseBytes, signal };
		const response = await boundedExchange((c) => axios.request<Buffer>(c), config, limits);
		return { response };
	} catch (failure) {
		return { failure };
	}
}

export function decodeBody(response: AxiosResponse<Buffer>): unknown {
	const text = Buffer.isBuffer(response.data) ? response.data.toString('utf8') : String(response.data ?? '');
	const type = String(response.headers['content-type'] ?? '');
	if (text.trim() === '' || !/[/+]json\b/i.test(type)) return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		// Says JSON but is not: hand over the text rather than failing a delivery that succeeded.
		return text;
	}
}

