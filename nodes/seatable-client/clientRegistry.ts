// The shared clients of this process, one per (server, API token, TLS setting), so that every node
// and execution for a credential shares one base token. A client is released when its last user
// is gone and it has then stayed unused for a while (so a workflow running every few seconds does
// not exchange a token per execution); a deleted or changed credential does not stay in memory.
import { createHash } from 'node:crypto';

import { SeaTableClient, type SeaTableClientOptions } from './client';
import { normalizeServerUrl } from './serverUrl';

/** How long a client without users is kept for the next one. */
export const CLIENT_IDLE_MS = 10 * 60 * 1000;

export interface ClientLease {
	readonly client: SeaTableClient;
	/** Gives the client back; idempotent. */
	release(): void;
}

interface Entry {
	client: SeaTableClient;
	users: number;
	idleTimer?: NodeJS.Timeout;
}

const entries = new Map<string, Entry>();

// A hash, so that no map key holds the API token itself.
function keyOf(options: SeaTableClientOptions): string {
	return createHash('sha256')
		.update(`${normalizeServerUrl(options.serverUrl)}\n${(options.apiToken ?? '').trim()}\n${options.ignoreSslIssues ? 1 : 0}`)
		.digest('hex');
}

function entryFor(options: SeaTableClientOptions): Entry {
	const key = keyOf(options);
	let entry = entries.get(key);
	if (!entry) {
		entry = { client: new SeaTableClient(options), users: 0 };
		entries.set(key, entry);
	}
	if (entry.idleTimer) clearTimeout(entry.idleTimer);
	entry.idleTimer = undefined;
	return entry;
}

/** The shared client for these credentials, held until `release()`. */
export function acquireSeaTableClient(options: SeaTableClientOptions): ClientLease {
	const entry = entryFor(options);
	entry.users++;
	let released = false;
	return {
		client: entry.client,
		release: () => {
			if (released) return;
			released = true;
			entry.users--;
			if (entry.users > 0) return;
			entry.idleTimer = setTimeout(() => forget(entry), CLIENT_IDLE_MS);
			// Waiting to forget a client must not keep n8n (or a test) alive.
			entry.idleTimer.unref();
		},
	};
}

/**
 * The shared client for a short use (one call, a list for the editor): kept for the idle time after
 * this call only. Long users (a trigger) hold a lease instead.
 */
export function getSeaTableClient(options: SeaTableClientOptions): SeaTableClient {
	const lease = acquireSeaTableClient(options);
	lease.release();
	return lease.client;
}

function forget(entry: Entry): void {
	if (entry.idleTimer) clearTimeout(entry.idleTimer);
	entry.idleTimer = undefined;
	for (const [key, candidate] of entries) {
		if (candidate === entry) entries.delete(key);
	}
}

/** Forgets every client nobody uses now, without waiting (tests, and a process shutting down). */
export function releaseIdleClients(): void {
	for (const entry of [...entries.values()]) {
		if (entry.users === 0) forget(entry);
	}
}

/** Clients held in this process (observability and tests). */
export function sharedClientCount(): number {
	return entries.size;
}
