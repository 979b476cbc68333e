// Every HTTP request the emulator gets: recorded (for counting calls), then delayed or failed when a
// fault asks for it, handed to Socket.IO on its path, and otherwise answered by the routes.
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Faults } from './faults';
import { sendJson, sendText } from './httpRoutes';
import type { RequestRecord } from './types';

export interface RequestHandling {
	requests: RequestRecord[];
	faults: Faults;
	socketPath: string;
	routes: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, toSocketIo: () => void) => Promise<void>;

export function createRequestHandler({ requests, faults, socketPath, routes }: RequestHandling): RequestHandler {
	return async (req, res, toSocketIo) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		// Never the Authorization header: these records are for counting calls.
		const record: RequestRecord = { method: req.method ?? 'GET', path: url.pathname, query: url.search.replace(/^\?/, ''), status: 0 };
		requests.push(record);
		res.on('finish', () => {
			record.status = res.statusCode;
		});
		const delay = faults.takeDelay(url.pathname);
		if (delay && !(await faults.wait(delay.ms))) return;
		const failure = faults.takeFailure(url.pathname);
		if (failure) {
			record.status = failure.status;
			const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { 'Retry-After': String(failure.retryAfter) };
			if (typeof failure.body === 'string') sendText(res, failure.status, failure.body, headers);
			// The documented 429 has no body; other defaults look like SeaTable's JSON errors.
			else if (failure.body === undefined && failure.status === 429) sendText(res, 429, '', headers);
			else sendJson(res, failure.status, failure.body ?? { error_msg: 'Injected failure.' }, headers);
			return;
		}
		if (url.pathname.startsWith(`${socketPath}/`)) return toSocketIo();
		await routes(req, res);
		record.status = res.statusCode;
	};
}
