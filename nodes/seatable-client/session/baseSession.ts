// One session per (server, API token) — that is, per base — in the whole process: the realtime
// connection (socket, join, tokens), the base's schema cache, and one parsed event per change
// handed to every subscription on the base. The last subscription to leave closes it.
import type { SeaTableClient } from '../client';
import { nowIso } from '../clock';
import type { SeaTableError } from '../errors';
import { schemaCacheFor, type SchemaCache } from '../events/schemaCache';
import type { ChangeEvent } from '../operations';
import { RealtimeConnection, type JoinedInfo, type RealtimeOptions } from '../realtime';

/** What a subscription hears from its session; every callback is optional. */
export interface SessionMember {
	onChange?(event: ChangeEvent): void;
	onJoined?(info: JoinedInfo): void;
	onDisconnected?(): void;
	onNotification?(notification: Record<string, unknown>): void;
	onFatal?(error: SeaTableError): void;
}

export class BaseSession {
	readonly connection: RealtimeConnection;
	/** Settles when the connection has joined (or stopped waiting for it); rejects if it cannot open. */
	readonly opened: Promise<void>;
	readonly schemas: SchemaCache;
	/** Replaced, never changed in place: a member leaving during a dispatch does not disturb it. */
	private members: readonly SessionMember[] = [];

	constructor(
		readonly client: SeaTableClient,
		options: RealtimeOptions,
		private readonly onEmpty: (session: BaseSession) => void,
	) {
		this.schemas = schemaCacheFor(client);
		const connection = new RealtimeConnection(client, options);
		this.connection = connection;
		// Listening before the socket opens: a change made while the activation settles is not lost.
		connection.on('update', (operation: Record<string, unknown>, version: number | undefined) => this.onUpdate(operation, version));
		connection.on('joined', (info: JoinedInfo) => {
			for (const member of this.members) member.onJoined?.(info);
		});
		connection.on('state', (state: string) => {
			if (state !== 'disconnected') return;
			for (const member of this.members) member.onDisconnected?.();
		});
		connection.on('notification', (notification: Record<string, unknown>) => {
			for (const member of this.members) member.onNotification?.(notification);
		});
		connection.on('fatal', (error: SeaTableError) => {
			for (const member of this.members) member.onFatal?.(error);
		});
		this.opened = connection.open();
	}

	get joined(): boolean {
		return this.connection.connectionState === 'joined';
	}

	/** Adds a member; the function returned removes it (idempotent), closing the session after the last. */
	join(member: SessionMember): () => void {
		this.members = [...this.members, member];
		let left = false;
		return () => {
			if (left) return;
			left = true;
			this.members = this.members.filter((entry) => entry !== member);
			if (this.members.length === 0) this.close();
		};
	}

	close(): void {
		this.onEmpty(this);
		this.connection.close();
	}

	/** One event per change for every subscription: they never change it (see VersionTracker.admit). */
	private onUpdate(operation: Record<string, unknown>, version: number | undefined): void {
		const members = this.members;
		if (members.length === 0) return;
		const event: ChangeEvent = { operation, version, receivedAt: nowIso() };
		for (const member of members) member.onChange?.(event);
	}
}

const sessions = new Map<SeaTableClient, BaseSession>();

/** The base's session, opened on first use; join it at once so that no change is missed. */
export function sessionFor(client: SeaTableClient, options: RealtimeOptions = {}): BaseSession {
	const existing = sessions.get(client);
	if (existing) return existing;
	const session = new BaseSession(client, options, (closed) => {
		if (sessions.get(client) === closed) sessions.delete(client);
	});
	sessions.set(client, session);
	// A session that failed to open is not kept for the next caller.
	session.opened.catch(() => session.close());
	return session;
}

/** The base's uuid once its session has opened ('' before): a version store reads it to know its base. */
export function sessionBaseUuid(client: SeaTableClient): string {
	return sessions.get(client)?.connection.dtableUuid ?? '';
}

/** Open sessions (one realtime connection each) in this process: observability and tests. */
export function openSessionCount(): number {
	return sessions.size;
}
