// The join-room protocol: send the base token, read the acknowledgement, and tell joined, refused
// or abandoned apart. A refused token is renewed once through the token provider's `withToken`.
import type { Socket } from 'socket.io-client';

import type { BaseAccess } from '../baseAccess';
import type { SeaTableClient } from '../client';
import type { Logger } from '../logger';
import { toVersion } from '../serverValues';

export type JoinOutcome =
	/** `version` is the base's at the join when the server (or its log) said it. */
	| { kind: 'joined'; version: number | undefined }
	/** The server refused to join, for good: `reason` is its text, not redacted yet. */
	| { kind: 'refused'; reason: unknown }
	/** The connection was closed or the socket dropped meanwhile: nothing to report. */
	| { kind: 'abandoned' };

type Attempt = JoinOutcome | { kind: 'tokenRefused' };

interface JoinReply {
	status?: number;
	error_type?: string;
	message?: string;
	dtable_version?: unknown;
}

export interface JoinContext {
	client: SeaTableClient;
	socket: Socket;
	logger: Logger;
	ackTimeoutMs: number;
	/** False once the connection is closed. */
	live(): boolean;
	/** Called with each base token before it is sent, to hide it from server texts. */
	sending(token: string): void;
	/** Redacts a server text for a log line. */
	serverText(value: unknown): string;
}

const ABANDONED: JoinOutcome = { kind: 'abandoned' };
const TOKEN_REFUSED: Attempt = { kind: 'tokenRefused' };

/** Joins the base's room; throws what getting or renewing the base token threw. */
export async function joinRoom(context: JoinContext): Promise<JoinOutcome> {
	const outcome = await context.client.tokens.withToken(async (access, canRenew) => await attemptJoin(context, access, canRenew), {
		renewals: 1,
		refused: (attempt) => attempt.kind === 'tokenRefused',
	});
	// Not reached: an attempt that cannot renew reports the refusal itself.
	return outcome.kind === 'tokenRefused' ? { kind: 'refused', reason: 'token_expired' } : outcome;
}

async function attemptJoin(context: JoinContext, access: BaseAccess, canRenew: boolean): Promise<Attempt> {
	const { socket } = context;
	if (!context.live()) return ABANDONED;
	let reply: JoinReply | undefined;
	try {
		context.sending(access.accessToken);
		reply = (await socket.timeout(context.ackTimeoutMs).emitWithAck('join-room', access.dtableUuid, access.accessToken)) as JoinReply;
	} catch {
		reply = undefined; // no acknowledgement: some servers never send one
	}
	if (!context.live() || !socket.connected) return ABANDONED;
	if (reply && reply.status === 0) {
		if (reply.error_type === 'token_expired' && canRenew) {
			context.logger.info('SeaTable realtime: base token expired, renewing it and joining again');
			return TOKEN_REFUSED;
		}
		return { kind: 'refused', reason: reply.message ?? reply.error_type ?? 'unknown reason' };
	}
	if (!reply && canRenew) return await confirmUnacknowledged(context, access);
	return { kind: 'joined', version: toVersion(reply?.dtable_version) };
}

/**
 * The server never confirms a join, so an expired token would fail silently. An HTTP call renews
 * a stale token on the way: if the token changed for it, the join used a stale one. If the check
 * fails, the token's state is unknown and the join is taken as made, without a version.
 */
async function confirmUnacknowledged(context: JoinContext, access: BaseAccess): Promise<Attempt> {
	let newestVersion: number | undefined;
	let current: BaseAccess;
	try {
		const [newest] = await context.client.getOperations(1, 1);
		newestVersion = toVersion(newest?.op_id);
		current = await context.client.getAccess();
	} catch (error) {
		context.logger.debug(`SeaTable realtime: token check failed: ${context.serverText((error as Error).message)}`);
		return { kind: 'joined', version: undefined };
	}
	if (!context.live()) return ABANDONED;
	return current.accessToken === access.accessToken ? { kind: 'joined', version: newestVersion } : TOKEN_REFUSED;
}
