// The SeaTable client that every node uses: one per (server, API token), sharing the base token.
import { checkToastAnswer, checkToastMessage, readCollaborators, readRow } from './answers';
import { BaseTokenProvider, type BaseAccess } from './baseAccess';
import { describeRequest, SeaTableError } from './errors';
import { HttpTransport, type HttpOptions } from './http';
import { baseResourceUrl, type BaseResource } from './routes';
import { redactSecrets, secretsOf } from './redact';
import { normalizeServerUrl } from './serverUrl';
import type { BaseMetadata, Collaborator, OperationLogEntry, ToastType } from './types';

export interface SeaTableClientOptions extends HttpOptions {
	serverUrl: string;
	apiToken: string;
}

interface BaseAnswer<T> {
	data: T;
	/** The call, for error messages. */
	request: string;
	/** What an error text built from this answer must not contain. */
	secrets: string[];
}

export class SeaTableClient {
	readonly serverUrl: string;
	/** Also applies to the realtime connection made for this client. */
	readonly ignoreSslIssues: boolean;
	readonly tokens: BaseTokenProvider;
	private readonly http: HttpTransport;
	// Kept only to redact it should a server echo it into an error text.
	readonly #apiToken: string;

	constructor(options: SeaTableClientOptions) {
		this.serverUrl = normalizeServerUrl(options.serverUrl);
		this.ignoreSslIssues = options.ignoreSslIssues === true;
		if (typeof options.apiToken !== 'string' || !options.apiToken.trim()) {
			throw new SeaTableError('No API token was given', {
				kind: 'invalidToken',
				hint: 'Add a base API token (base menu → Advanced → API Token).',
				setting: 'apiToken',
			});
		}
		this.#apiToken = options.apiToken.trim();
		this.http = new HttpTransport(options);
		this.tokens = new BaseTokenProvider(this.serverUrl, this.#apiToken, this.http);
	}

	/**
	 * Server text with this client's API token, the base token it holds now and the given base
	 * tokens (e.g. one sent before a renewal) hidden: a server may echo any of them.
	 */
	redact(text: string, ...baseTokens: Array<string | undefined>): string {
		return redactSecrets(text, secretsOf([this.#apiToken, this.tokens.heldToken, ...baseTokens]));
	}

	/** A valid base token and what the server said about the base. */
	async getAccess(): Promise<BaseAccess> {
		return await this.tokens.get();
	}

	async getMetadata(): Promise<BaseMetadata> {
		const { data } = await this.baseCall<{ metadata?: BaseMetadata }>('GET', 'metadata');
		return { tables: data?.metadata?.tables ?? [] };
	}

	async getCollaborators(): Promise<Collaborator[]> {
		const { data, request } = await this.baseCall<unknown>('GET', 'related-users');
		return readCollaborators(data, request);
	}

	/** One page (1-based) of the operation log, newest first. */
	async getOperations(page: number, perPage?: number, signal?: AbortSignal): Promise<OperationLogEntry[]> {
		const query = perPage ? `?page=${page}&per_page=${perPage}&count=${perPage}` : `?page=${page}`;
		const { data } = await this.baseCall<{ operations?: OperationLogEntry[] }>('GET', 'operations', undefined, query, false, signal);
		return data?.operations ?? [];
	}

	/** Runs a read-only SQL query; rows keyed by column keys (`convert_keys: false`), link cells as `[{row_id, display_value}]`. */
	async querySql(sql: string): Promise<Record<string, unknown>[]> {
		const { data } = await this.baseCall<{ results?: unknown }>('POST', 'sql', { sql, convert_keys: false }, '', true);
		return Array.isArray(data?.results) ? (data.results as Record<string, unknown>[]) : [];
	}

	/**
	 * One row by id (table name or id), keyed by column names with option names: `convert_keys`
	 * for the API gateway, `convert` for the older dtable-server; each ignores the other.
	 */
	async getRow(table: string, rowId: string): Promise<Record<string, unknown>> {
		const query = `?table_name=${encodeURIComponent(table)}&convert_keys=true&convert=true`;
		const { data, request } = await this.baseCall<unknown>('GET', `rows/${encodeURIComponent(rowId)}`, undefined, query);
		return readRow(data, request);
	}

	/** Shows a toast in the browser of `toUser` (an `…@auth.local` username). */
	async sendToast(toUser: string, message: string, toastType: ToastType): Promise<void> {
		checkToastMessage(message);
		const { data, request, secrets } = await this.baseCall<unknown>('POST', 'ui-toasts', { to_user: toUser, toast_type: toastType, detail: { msg: message } });
		checkToastAnswer(data, request, secrets);
	}

	/** A call with the base token, renewed and repeated when the server says it expired (see `withToken`). */
	private async baseCall<T>(
		method: 'GET' | 'POST',
		resource: BaseResource,
		body?: unknown,
		query = '',
		readOnly = false,
		signal?: AbortSignal,
	): Promise<BaseAnswer<T>> {
		return await this.tokens.withToken(async (access) => {
			const url = baseResourceUrl(this.serverUrl, access, resource) + query;
			const secrets = [access.accessToken, this.#apiToken];
			const response = await this.http.request<T>({
				method,
				url,
				headers: { Authorization: `Token ${access.accessToken}` },
				body,
				// A rejected toast was not shown, so resending after a 429 shows it once.
				// A read-only POST (SQL) can be resent like a GET.
				idempotent: method === 'GET' || readOnly,
				secrets,
				signal,
			});
			return { data: response.data, request: describeRequest(method, url), secrets };
		});
	}
}
