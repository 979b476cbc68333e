// What socket.io-client's Manager does not retry: a server-initiated disconnect ("io server
// disconnect") and a connection the server refused outright. SeaTable may have closed the socket
// because of the base token, so each try renews it first, after a growing pause.
import type { Socket } from 'socket.io-client';

import type { BaseTokenProvider } from '../baseAccess';
import type { Logger } from '../logger';
import { backoffDelay } from '../retry';
import type { Disposers } from './disposers';

export interface RecoveryContext {
	socket: Socket;
	tokens: BaseTokenProvider;
	disposers: Disposers;
	logger: Logger;
	delays: { baseMs: number; maxMs: number };
	/** False once the connection is closed. */
	live(): boolean;
	/** The base token could not be renewed. */
	onAuthFailure(error: unknown): void;
}

export class ServerDisconnectRecovery {
	private attempts = 0;
	private pendingTry: (() => void) | undefined;

	constructor(private readonly context: RecoveryContext) {}

	afterDisconnect(reason: string): void {
		if (reason === 'io server disconnect') this.schedule();
	}

	afterConnectError(): void {
		// `active` is false only when the server refused the connection (no automatic retry).
		if (!this.context.socket.active) this.schedule();
	}

	/** A join succeeded: the next try comes after the shortest pause again. */
	joined(): void {
		this.attempts = 0;
	}

	/** Renews the base token, then connects again, after a growing pause; a try already due is kept. */
	schedule(): void {
		if (!this.context.live() || this.pendingTry) return;
		const delay = backoffDelay(this.attempts++, this.context.delays);
		this.pendingTry = this.context.disposers.timeout(delay, () => {
			this.pendingTry = undefined;
			void this.reconnect();
		});
	}

	private async reconnect(): Promise<void> {
		const { socket, tokens, live, logger } = this.context;
		if (!live()) return;
		try {
			// Always a new base token: SeaTable may have closed the connection because of the old one.
			await tokens.refresh();
		} catch (error) {
			this.context.onAuthFailure(error);
			return;
		}
		if (!live()) return;
		logger.info('SeaTable realtime: base token renewed, reconnecting');
		socket.connect();
	}
}
