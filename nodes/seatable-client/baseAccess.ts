// The base token: exchanged from the API token, cached, refreshed before it expires, and renewed
// in one place (`withToken`) when a server refuses it, for HTTP calls and join-room alike.
import { jwtExpiry } from './jwt';
import { SeaTableError } from './errors';
import { checkDtableServer } from './tokenDestination';
import type { HttpTransport } from './http';

/** What the app-access-token call tells us about a base. */
export interface BaseAccess {
	accessToken: string;
	dtableUuid: string;
	/** REST base of servers before 5.3, and the socket's host in all versions. */
	dtableServer: string;
	/** SeaTable >= 5.3 routes everything through `{server}/api-gateway`. */
	useApiGateway: boolean;
	/** When the base token stops working, in ms since the epoch. */
	expiresAt: number;
	/** When we received it, to size the refresh margin. */
	obtainedAt: number;
}

interface AppAccessTokenAnswer {
	access_token?: unknown;
	dtable_uuid?: unknown;
	dtable_server?: unknown;
	use_api_gateway?: unknown;
}

export interface TokenUse<T> {
	/** How often a refused token is renewed (default 2). */
	renewals?: number;
	/** True when `result` says the server refused the token (for answers that are not errors). */
	refused?: (result: T) => boolean;
}

// SeaTable documents 3 days for tokens whose JWT carries no readable `exp`.
const DEFAULT_LIFETIME_MS = 3 * 24 * 3600 * 1000;
const MAX_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * Hands out a valid base token for one (server, API token) pair. Concurrent callers share one
 * exchange; the token is renewed when less than 10% of its life (at most 5 minutes) is left.
 */
export class BaseTokenProvider {
	readonly #apiToken: string;
	#access: BaseAccess | undefined;
	#pending: Promise<BaseAccess> | undefined;

	constructor(
		private readonly serverUrl: string,
		apiToken: string,
		private readonly http: HttpTransport,
	) {
		this.#apiToken = apiToken;
	}

	/** The base token held now, if any: to be redacted from server texts, never to be sent. */
	get heldToken(): string | undefined {
		return this.#access?.accessToken;
	}

	/** The cached access if it is still comfortably valid, otherwise a fresh one. */
	async get(now: number = Date.now()): Promise<BaseAccess> {
		const access = this.#access;
		if (access && !needsRefresh(access, now)) return access;
		return await this.refresh(access);
	}

	/**
	 * Exchanges the API token for a new base token. `stale` is the access the caller found wanting:
	 * if another caller already replaced it, that newer one is returned without a second exchange,
	 * unless `force` says the newer one was refused too.
	 */
	async refresh(stale?: BaseAccess, force = false): Promise<BaseAccess> {
		if (!force && this.#access && stale && this.#access !== stale && !needsRefresh(this.#access, Date.now())) {
			return this.#access;
		}
		if (!this.#pending) {
			this.#pending = this.exchange().finally(() => {
				this.#pending = undefined;
			});
		}
		return await this.#pending;
	}

	/**
	 * Runs `use` with a valid base token. When the server refuses the token (`use` throws a
	 * `tokenExpired` error, or `refused` says so of its result), the token is renewed and `use` runs
	 * again, at most `renewals` times: first with a token another caller may already have renewed,
	 * then, if that one is refused too, a fresh one. `canRenew` tells `use` whether a refusal
	 * would still be renewed; after the last renewal the refusal is the caller's.
	 */
	async withToken<T>(use: (access: BaseAccess, canRenew: boolean) => Promise<T>, options: TokenUse<T> = {}): Promise<T> {
		const renewals = options.renewals ?? 2;
		let access = await this.get();
		for (let attempt = 0; ; attempt++) {
			const canRenew = attempt < renewals;
			let result: T;
			try {
				result = await use(access, canRenew);
			} catch (error) {
				if (!canRenew || !(error instanceof SeaTableError && error.kind === 'tokenExpired')) throw error;
				access = await this.renewAfterRefusal(access, attempt);
				continue;
			}
			if (!canRenew || !options.refused?.(result)) return result;
			access = await this.renewAfterRefusal(access, attempt);
		}
	}

	private async renewAfterRefusal(refused: BaseAccess, attempt: number): Promise<BaseAccess> {
		if (this.#access === refused) this.#access = undefined;
		return await this.refresh(refused, attempt > 0);
	}

	private async exchange(): Promise<BaseAccess> {
		const url = `${this.serverUrl}/api/v2.1/dtable/app-access-token/`;
		let answer: AppAccessTokenAnswer;
		try {
			const response = await this.http.request<AppAccessTokenAnswer>({
				method: 'GET',
				url,
				headers: { Authorization: `Token ${this.#apiToken}` },
				// A hostile server could echo the base token it handed out before.
				secrets: this.#access ? [this.#access.accessToken] : [],
			});
			answer = response.data ?? {};
		} catch (error) {
			throw explainAuthFailure(error);
		}
		if (typeof answer.access_token !== 'string' || typeof answer.dtable_uuid !== 'string') {
			throw new SeaTableError('The server answered the token request, but not like a SeaTable server', {
				kind: 'notSeaTable',
				hint: 'Check the Server URL: it must be the address you open SeaTable at, for example https://cloud.seatable.io.',
				setting: 'serverUrl',
				request: `GET ${url}`,
			});
		}
		const obtainedAt = Date.now();
		const access: BaseAccess = {
			accessToken: answer.access_token,
			dtableUuid: answer.dtable_uuid,
			dtableServer: checkDtableServer(answer.dtable_server, this.serverUrl, `GET ${url}`),
			useApiGateway: answer.use_api_gateway === true || answer.use_api_gateway === 'true',
			expiresAt: jwtExpiry(answer.access_token) ?? obtainedAt + DEFAULT_LIFETIME_MS,
			obtainedAt,
		};
		this.#access = access;
		return access;
	}
}

function needsRefresh(access: BaseAccess, now: number): boolean {
	const lifetime = Math.max(0, access.expiresAt - access.obtainedAt);
	const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetime / 10);
	return now >= access.expiresAt - margin;
}

/** The credential itself is refused (wrong API token or server): renewing the base token cannot help. */
export function credentialRefused(error: unknown): error is SeaTableError {
	return error instanceof SeaTableError && (error.kind === 'invalidToken' || error.kind === 'notSeaTable' || error.kind === 'invalidServerUrl');
}

/** A 403/401 on app-access-token means the API token is wrong, whatever SeaTable's text says. */
function explainAuthFailure(error: unknown): unknown {
	if (error instanceof SeaTableError && (error.status === 401 || error.status === 403)) {
		return new SeaTableError(`SeaTable rejected the API token (${error.status}${error.serverMessage ? ` ${error.serverMessage}` : ''})`, {
			kind: 'invalidToken',
			hint: 'Check the API token: it must be a base API token (base menu → Advanced → API Token), not an account token, and must not have been deleted.',
			setting: 'apiToken',
			status: error.status,
			serverMessage: error.serverMessage,
			request: error.request,
		});
	}
	if (error instanceof SeaTableError && error.kind === 'notFound') {
		return new SeaTableError('The server has no SeaTable API at this address (404 on the token request)', {
			kind: 'notSeaTable',
			hint: 'Check the Server URL: it must be the address you open SeaTable at, for example https://cloud.seatable.io, without a path.',
			setting: 'serverUrl',
			status: 404,
			request: error.request,
		});
	}
	return error;
}
