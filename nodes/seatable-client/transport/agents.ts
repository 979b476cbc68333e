// The one pool of keep-alive connections for every HTTP call (SeaTable API and webhooks): Node
// pools sockets per host:port inside each agent, so a loop over many items reuses a few
// connections. Idle sockets are unref'd by Node and do not keep the process alive.
import * as http from 'node:http';
import * as https from 'node:https';

const OPTIONS = { keepAlive: true, maxSockets: 32, maxFreeSockets: 8 };

let pool: { http: http.Agent; https: https.Agent; httpsInsecure: https.Agent } | undefined;

function agents() {
	pool ??= {
		http: new http.Agent(OPTIONS),
		https: new https.Agent(OPTIONS),
		httpsInsecure: new https.Agent({ ...OPTIONS, rejectUnauthorized: false }),
	};
	return pool;
}

/** The agents for one request; `insecure` accepts any TLS certificate ("Ignore SSL Issues"). */
export function agentsFor(insecure: boolean): { httpAgent: http.Agent; httpsAgent: https.Agent } {
	const all = agents();
	return { httpAgent: all.http, httpsAgent: insecure ? all.httpsInsecure : all.https };
}

/** Closes the pooled connections (tests, and a process that wants to exit promptly); later calls make new agents. */
export function destroyIdleConnections(): void {
	pool?.http.destroy();
	pool?.https.destroy();
	pool?.httpsInsecure.destroy();
	pool = undefined;
}
