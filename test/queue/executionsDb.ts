// Executions counted in PostgreSQL itself, by the trigger's eventId: the public API hides nothing
// here, but n8n overwrites the data of an execution whose worker died, so the eventId of each
// execution is read (and remembered) while it is still there: the main stores the trigger's items
// with the execution before it enqueues it.
import type { PostgresServer } from './services/postgres';

export interface ExecutionRow {
	id: number;
	status: string;
	mode: string;
	/** Epoch milliseconds; NaN when not started (yet). */
	startedAt: number;
	stoppedAt: number;
	/** The eventIds in the execution's data, as first seen. */
	eventIds: string[];
}

const PENDING = new Set(['new', 'running', 'waiting', 'unknown']);

export function isPending(row: ExecutionRow): boolean {
	return PENDING.has(row.status);
}

export class ExecutionsDb {
	private readonly seen = new Map<number, string[]>();
	private readonly eventIdPattern: string;

	constructor(
		private readonly postgres: PostgresServer,
		dtableUuid: string,
	) {
		// "<dtable_uuid>:<version>" or "<dtable_uuid>:<version>:<row_id>", as a JSON string in the data.
		this.eventIdPattern = `"(${dtableUuid.replace(/[^0-9a-zA-Z]/g, (c) => `\\${c}`)}:[0-9]+(:[A-Za-z0-9_-]+)?)"`;
	}

	/** Every execution of the workflow, oldest first, with the eventIds remembered from earlier reads. */
	async executions(workflowId: string): Promise<ExecutionRow[]> {
		const id = workflowId.replace(/'/g, "''");
		const rows = await this.postgres.query(
			`SELECT id, status, mode, COALESCE((extract(epoch FROM "startedAt") * 1000)::bigint::text, ''),
			        COALESCE((extract(epoch FROM "stoppedAt") * 1000)::bigint::text, '')
			   FROM execution_entity WHERE "workflowId" = '${id}' ORDER BY id`,
		);
		const unknown = rows.map((row) => Number(row[0])).filter((executionId) => !this.seen.get(executionId)?.length);
		if (unknown.length > 0) await this.readEventIds(unknown);
		return rows.map(([executionId, status, mode, startedAt, stoppedAt]) => ({
			id: Number(executionId),
			status,
			mode,
			startedAt: startedAt ? Number(startedAt) : NaN,
			stoppedAt: stoppedAt ? Number(stoppedAt) : NaN,
			eventIds: this.seen.get(Number(executionId)) ?? [],
		}));
	}

	/** How many executions carry each eventId. */
	async countByEventId(workflowId: string): Promise<Map<string, number>> {
		const counts = new Map<string, number>();
		for (const row of await this.executions(workflowId)) {
			for (const eventId of row.eventIds) counts.set(eventId, (counts.get(eventId) ?? 0) + 1);
		}
		return counts;
	}

	private async readEventIds(ids: number[]): Promise<void> {
		for (let start = 0; start < ids.length; start += 500) {
			const chunk = ids.slice(start, start + 500);
			const rows = await this.postgres.query(
				`SELECT d."executionId", string_agg(DISTINCT m[1], ' ')
				   FROM execution_data d, LATERAL regexp_matches(d.data, '${this.eventIdPattern}', 'g') AS m
				  WHERE d."executionId" IN (${chunk.join(',')}) GROUP BY d."executionId"`,
			);
			for (const [executionId, eventIds] of rows) this.seen.set(Number(executionId), eventIds.split(' ').sort());
		}
	}
}
