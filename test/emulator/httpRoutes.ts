// The HTTP API: app-access-token, and the base endpoints of the API gateway (>= 5.3) or the legacy dtable-server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BaseState } from './baseState';
import { runSql, sqlPath, SqlError } from './sqlRoute';
import { readableValues } from './cellValues';
import { parseExpiry } from './jwt';
import type { TokenAuthority } from './tokens';
import type { ToastRecord } from './types';

export interface RouteContext {
	/** Own origin, no trailing slash (the port is known only once listening). */
	origin(): string;
	readonly useApiGateway: boolean;
	readonly baseTokenTtlSeconds: number;
	readonly operationLogPageSize: number;
	/** False: the operation log answers its default page size whatever `count`/`per_page` say. */
	readonly operationLogHonoursPageSize?: boolean;
	readonly tokens: TokenAuthority;
	baseByApiToken(apiToken: string): BaseState | undefined;
	baseByUuid(uuid: string): BaseState | undefined;
	isRevoked(apiToken: string): boolean;
	recordToast(toast: ToastRecord, uuid: string): void;
}

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
	) {
		super(typeof body === 'string' ? body : JSON.stringify(body));
	}
}

const PERMISSION_DENIED = { error_msg: 'Permission denied.' };
const TOKEN_EXPIRED = { error_msg: 'Token expired.' };
const MAX_BODY = 1024 * 1024;
const MAX_PER_PAGE = 1000;
// Text of SeaTable's bundled nginx for the endpoints removed in 5.3 (seatable-release seatable-nginx.conf).
const DEPRECATED =
	'This endpoint is deprecated. Please migrate to the API Gateway: https://forum.seatable.io/t/important-changes-to-api-and-seatable-cloud-with-version-5-0/4887';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
	res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

/** The token of `Authorization: Token <x>` or `Bearer <x>` (SeaTable >= 4.0 accepts both everywhere). */
function bearerToken(req: IncomingMessage): string | undefined {
	const match = /^(?:Token|Bearer)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
	return match?.[1];
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY) reject(new HttpError(413, { error_msg: 'Request body too large.' }));
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function sameUuid(a: string, b: string): boolean {
	// Django's UUID path converter accepts both the hyphenated and the 32-hex form.
	const norm = (s: string) => s.replace(/-/g, '').toLowerCase();
	return norm(a) === norm(b);
}

type Endpoint = 'metadata' | 'related-users' | 'operations' | 'ui-toasts';

interface BaseRoute {
	uuid: string;
	endpoint: Endpoint;
}

function matchBaseRoute(path: string, useApiGateway: boolean): BaseRoute | undefined {
	const patterns = useApiGateway
		? [/^\/api-gateway\/api\/v2\/dtables\/([^/]+)\/(metadata|related-users|operations|ui-toasts)\/$/]
		: [/^\/dtable-server\/api\/v1\/dtables\/([^/]+)\/(metadata|operations|ui-toasts)\/$/, /^\/api\/v2\.1\/dtables\/([^/]+)\/(related-users)\/$/];
	for (const pattern of patterns) {
		const match = pattern.exec(path);
		if (match) return { uuid: decodeURIComponent(match[1]), endpoint: match[2] as Endpoint };
	}
	return undefined;
}

/** GET …/rows/<row id>/?table_name=…: one row (the API gateway's v2 route, or dtable-server's v1). */
function matchRowRoute(path: string, useApiGateway: boolean): { uuid: string; rowId: string } | undefined {
	const pattern = useApiGateway
		? /^\/api-gateway\/api\/v2\/dtables\/([^/]+)\/rows\/([^/]+)\/$/
		: /^\/dtable-server\/api\/v1\/dtables\/([^/]+)\/rows\/([^/]+)\/$/;
	const match = pattern.exec(path);
	return match ? { uuid: decodeURIComponent(match[1]), rowId: decodeURIComponent(match[2]) } : undefined;
}

function readRow(base: BaseState, url: URL, rowId: string): Record<string, unknown> {
	const table = base.findTable(url.searchParams.get('table_name') ?? '');
	if (!table) throw new HttpError(404, { error_msg: 'table not found' });
	const row = table.rows.find((r) => r._id === rowId);
	if (!row) throw new HttpError(404, { error_msg: 'row not found' });
	const convert = url.searchParams.get(url.pathname.includes('/api/v2/') ? 'convert_keys' : 'convert') === 'true';
	return convert ? readableValues(table, row) : { ...row };
}

const METHODS: Record<Endpoint, string> = { metadata: 'GET', 'related-users': 'GET', operations: 'GET', 'ui-toasts': 'POST' };

export function createRoutes(ctx: RouteContext): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
	return async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname;
		const method = req.method ?? 'GET';
		try {
			if (path === '/api/v2.1/dtable/app-access-token/' && method === 'GET') return appAccessToken(ctx, req, res, url);
			// In gateway mode the bundled nginx answers the removed prefixes itself.
			if (ctx.useApiGateway && (path.startsWith('/dtable-server') || path.startsWith('/dtable-db'))) {
				return sendText(res, 404, DEPRECATED);
			}
			const sqlUuid = method === 'POST' ? sqlPath(path, ctx.useApiGateway) : undefined;
			if (sqlUuid !== undefined) return await sql(ctx, req, res, sqlUuid);
			const rowRoute = matchRowRoute(path, ctx.useApiGateway);
			if (rowRoute && method === 'GET') return sendJson(res, 200, readRow(authorizeBase(ctx, req, rowRoute.uuid), url, rowRoute.rowId));
			const route = matchBaseRoute(path, ctx.useApiGateway);
			if (route && METHODS[route.endpoint] === method) {
				const base = authorizeBase(ctx, req, route.uuid);
				if (route.endpoint === 'metadata') return sendJson(res, 200, { metadata: metadata(base) });
				if (route.endpoint === 'related-users') return sendJson(res, 200, { user_list: relatedUsers(ctx, base) });
				if (route.endpoint === 'operations') return sendJson(res, 200, { operations: operations(ctx, base, url) });
				return await uiToast(ctx, req, res, base, path);
			}
			sendJson(res, 404, { error_msg: 'Not found.' });
		} catch (error) {
			if (error instanceof HttpError) {
				if (typeof error.body === 'string') sendText(res, error.status, error.body);
				else sendJson(res, error.status, error.body);
				return;
			}
			sendJson(res, 500, { error_msg: `Internal server error: ${(error as Error).message}` });
		}
	};
}

function appAccessToken(ctx: RouteContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
	const apiToken = bearerToken(req);
	const base = apiToken ? ctx.baseByApiToken(apiToken) : undefined;
	if (!apiToken || !base || ctx.isRevoked(apiToken)) throw new HttpError(403, PERMISSION_DENIED);
	let ttl = ctx.baseTokenTtlSeconds;
	const exp = url.searchParams.get('exp');
	if (exp !== null) {
		const parsed = parseExpiry(exp);
		// The real error for a bad `exp` is undocumented; 400 is our choice.
		if (parsed === undefined) throw new HttpError(400, { error_msg: 'exp invalid.' });
		ttl = parsed;
	}
	const accessToken = ctx.tokens.issue(
		{ dtable_uuid: base.uuid, username: '', permission: 'rw', app_name: base.appName },
		ttl,
		apiToken,
	);
	// Field sets as documented: >= 5.3 lists exactly these seven; <= 5.2 had dtable_socket/dtable_db and no use_api_gateway.
	const body = ctx.useApiGateway
		? {
				app_name: base.appName,
				access_token: accessToken,
				dtable_uuid: base.uuid,
				dtable_server: `${ctx.origin()}/api-gateway/`,
				workspace_id: base.workspaceId,
				use_api_gateway: true,
				dtable_name: base.name,
			}
		: {
				app_name: base.appName,
				access_token: accessToken,
				dtable_uuid: base.uuid,
				dtable_server: `${ctx.origin()}/dtable-server/`,
				dtable_socket: `${ctx.origin()}/`,
				dtable_db: `${ctx.origin()}/dtable-db/`,
				workspace_id: base.workspaceId,
				dtable_name: base.name,
			};
	sendJson(res, 200, body);
}

function authorizeBase(ctx: RouteContext, req: IncomingMessage, uuid: string): BaseState {
	const check = ctx.tokens.check(bearerToken(req));
	if (!check.ok) throw new HttpError(403, check.reason === 'expired' ? TOKEN_EXPIRED : PERMISSION_DENIED);
	if (!sameUuid(check.claims.dtable_uuid, uuid)) throw new HttpError(403, PERMISSION_DENIED);
	const base = ctx.baseByUuid(check.claims.dtable_uuid);
	if (!base) throw new HttpError(404, { error_msg: 'Base not found.' });
	return base;
}

function metadata(base: BaseState): Record<string, unknown> {
	return {
		tables: base.tables.map((t) => ({
			_id: t._id,
			name: t.name,
			is_header_locked: t.is_header_locked,
			summary_configs: t.summary_configs,
			columns: t.columns,
			views: t.views,
		})),
	};
}

function relatedUsers(ctx: RouteContext, base: BaseState): Record<string, unknown>[] {
	return base.collaborators.map((c) => ({
		email: c.email,
		name: c.name,
		contact_email: c.contact_email,
		avatar_url: c.avatar_url ?? `${ctx.origin()}/media/avatars/default.png`,
	}));
}

function positiveInt(value: string | null, name: string): number | undefined {
	if (value === null) return undefined;
	if (!/^\d+$/.test(value) || Number(value) < 1) throw new HttpError(400, { error_msg: `${name} invalid.` });
	return Number(value);
}

/** Newest first (op_id DESC), like the 2020 server's SQL; `count` (2020) and `per_page` (newer APIs) both honoured. */
function operations(ctx: RouteContext, base: BaseState, url: URL): unknown[] {
	const page = positiveInt(url.searchParams.get('page'), 'page') ?? 1;
	const asked = positiveInt(url.searchParams.get('count'), 'count') ?? positiveInt(url.searchParams.get('per_page'), 'per_page');
	const perPage = Math.min(MAX_PER_PAGE, (ctx.operationLogHonoursPageSize === false ? undefined : asked) ?? ctx.operationLogPageSize);
	const newestFirst = [...base.operationLog].reverse();
	return newestFirst.slice((page - 1) * perPage, page * perPage).map((e) => ({ ...e }));
}

async function sql(ctx: RouteContext, req: IncomingMessage, res: ServerResponse, uuid: string): Promise<void> {
	const base = authorizeBase(ctx, req, uuid);
	let body: unknown;
	try {
		body = JSON.parse(await readBody(req));
	} catch (error) {
		if (error instanceof HttpError) throw error;
		throw new HttpError(400, { error_msg: 'JSON body invalid.' });
	}
	try {
		sendJson(res, 200, runSql(base, body));
	} catch (error) {
		if (error instanceof SqlError) throw new HttpError(400, { error_msg: error.message });
		throw error;
	}
}

async function uiToast(ctx: RouteContext, req: IncomingMessage, res: ServerResponse, base: BaseState, path: string): Promise<void> {
	const rawBody = await readBody(req);
	let body: unknown;
	try {
		body = JSON.parse(rawBody);
	} catch {
		throw new HttpError(400, { error_msg: 'JSON body invalid.' });
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, { error_msg: 'JSON body invalid.' });
	const { to_user: toUser, toast_type: toastType, detail } = body as Record<string, unknown>;
	if (typeof toUser !== 'string' || toUser === '') throw new HttpError(400, { error_msg: 'to_user invalid.' });
	const msg = detail !== null && typeof detail === 'object' ? (detail as Record<string, unknown>).msg : undefined;
	if (typeof msg !== 'string' || msg === '') throw new HttpError(400, { error_msg: 'msg invalid.' });
	// The real answer for a user who is not in the base is undocumented; we chose 404 "User not found."
	// so a client notices a wrong username (toasts must go to `…@auth.local`, not to contact emails).
	if (!base.collaborators.some((c) => c.email === toUser)) throw new HttpError(404, { error_msg: 'User not found.' });
	ctx.recordToast({ to_user: toUser, toast_type: toastType, detail, authorization: req.headers.authorization ?? '', path, rawBody }, base.uuid);
	sendJson(res, 200, { success: true });
}
