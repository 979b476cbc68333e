// Executions in a test n8n: listed and read through the public API, waited for until finished, and
// started by hand the way the editor's "Execute step" on a trigger does.
import { setTimeout as delay } from 'node:timers/promises';

import { HttpError } from './client';
import { N8nWorkflows } from './workflows';

export interface Execution {
	id: string | number;
	finished: boolean;
	mode: string;
	status: string;
	startedAt: string;
	stoppedAt: string | null;
	workflowId: string;
	data?: {
		resultData: {
			runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: unknown }>>;
			error?: { message?: string };
			lastNodeExecuted?: string;
		};
	};
	[key: string]: unknown;
}

export class N8nExecutions extends N8nWorkflows {
	/** Executions of a workflow, newest first (one page of up to `limit`, max 250). */
	async listExecutions(
		workflowId: string,
		options: { includeData?: boolean; status?: string; limit?: number } = {},
	): Promise<Execution[]> {
		const query = new URLSearchParams({
			workflowId,
			includeData: String(options.includeData ?? true),
			limit: String(options.limit ?? 100),
		});
		if (options.status) query.set('status', options.status);
		const page = await this.api<{ data: Execution[] }>('GET', `/executions?${query}`);
		return page.data;
	}

	async getExecution(id: string | number, includeData = true): Promise<Execution> {
		return this.api('GET', `/executions/${id}?includeData=${includeData}`);
	}

	/**
	 * Polls until the workflow has at least `count` (up to 250) finished executions (any status but
	 * running/new/waiting), and returns those with their data.
	 */
	async waitForExecutions(
		workflowId: string,
		options: { count?: number; timeoutMs?: number; intervalMs?: number } = {},
	): Promise<Execution[]> {
		const count = options.count ?? 1;
		const deadline = Date.now() + (options.timeoutMs ?? 30_000);
		const isDone = (execution: Execution) => !['running', 'new', 'waiting'].includes(execution.status);
		for (;;) {
			// Without data while polling: it keeps the load on n8n (and on timing measurements) low.
			const executions = await this.listExecutions(workflowId, { includeData: false, limit: 250 });
			const done = executions.filter(isDone);
			if (done.length >= count) return (await this.listExecutions(workflowId, { limit: 250 })).filter(isDone);
			if (Date.now() > deadline) {
				throw new Error(
					`workflow ${workflowId}: ${done.length} of ${count} executions finished in time (${executions.length} seen)`,
				);
			}
			await delay(options.intervalMs ?? 500);
		}
	}

	// ---- manual runs (internal REST API) ----

	/**
	 * What the editor's "Execute step" on a trigger does: POST /rest/workflows/:id/run with the saved
	 * workflow, the trigger as `triggerToStartFrom` and as inclusive destination. n8n starts the
	 * execution at once (mode `manual`), the trigger waits for its next event, and the finished
	 * execution is stored like any other (EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS defaults to true).
	 * Same request body in n8n 1.123 and 2.8. Returns the execution id.
	 */
	async runManually(workflowId: string, triggerName: string): Promise<string> {
		const workflowData = await this.rest<Record<string, unknown>>('GET', `/workflows/${workflowId}`);
		const result = await this.rest<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/workflows/${workflowId}/run`,
			{
				workflowData,
				triggerToStartFrom: { name: triggerName },
				destinationNode: { nodeName: triggerName, mode: 'inclusive' },
			},
		);
		if (!result.executionId) throw new Error(`manual run did not start an execution: ${JSON.stringify(result)}`);
		return String(result.executionId);
	}

	/** Polls one execution until it is no longer new/running/waiting. */
	async waitForExecution(id: string | number, timeoutMs = 30_000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.getExecution(id).catch((error: unknown) => {
				// Tolerated until the deadline: right after the start n8n may not have stored it yet.
				if (error instanceof HttpError && error.status === 404) return undefined;
				throw error;
			});
			if (execution && !['running', 'new', 'waiting'].includes(execution.status)) return execution;
			if (Date.now() > deadline) throw new Error(`execution ${id} still ${execution?.status ?? 'unknown'} after ${timeoutMs} ms`);
			await delay(250);
		}
	}
}
