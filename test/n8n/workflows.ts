// Workflows in a test n8n: created through the public API, activated ("published") and deactivated
// the way the editor does it, waiting for n8n 2.41's asynchronous publication to settle.
import { setTimeout as delay } from 'node:timers/promises';

import { HttpError } from './client';
import { N8nCredentials } from './credentials';

export interface WorkflowInput {
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	staticData?: Record<string, unknown> | null;
}

export interface Workflow extends WorkflowInput {
	id: string;
	active: boolean;
	[key: string]: unknown;
}

export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed' | string;
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
	[key: string]: unknown;
}

/** A workflow whose activation failed: n8n's message (2.41: the trigger's publication error). */
export class PublicationError extends Error {
	constructor(
		readonly workflowId: string,
		readonly status: string,
		readonly triggers: PublicationStatus['triggers'],
		readonly n8nMessage: string,
		readonly cause?: unknown,
	) {
		super(`workflow ${workflowId} was not published (${status}): ${n8nMessage}`);
	}
}

export class N8nWorkflows extends N8nCredentials {
	async createWorkflow(workflow: WorkflowInput): Promise<Workflow> {
		// The public API rejects properties outside its schema (id, active, pinData, …).
		const { name, nodes, connections, settings, staticData } = workflow;
		const body: Record<string, unknown> = { name, nodes, connections, settings: settings ?? { executionOrder: 'v1' } };
		if (staticData !== undefined) body.staticData = staticData;
		return this.api('POST', '/workflows', body);
	}

	async getWorkflow(id: string): Promise<Workflow> {
		return this.api('GET', `/workflows/${id}`);
	}

	/**
	 * Activates ("publishes") a workflow and waits until its triggers run, as the editor does. n8n 2.41
	 * publishes asynchronously: the call answers at once, and the outcome (including a trigger's
	 * activation error) appears in `GET /rest/workflows/:id/publication-status`. Older n8n activates
	 * within the call and answers an activation error with 400. Either way a failed activation
	 * throws a PublicationError carrying n8n's message.
	 */
	async activateWorkflow(id: string, options: { timeoutMs?: number } = {}): Promise<Workflow> {
		const workflow = await this.api<Workflow>('POST', `/workflows/${id}/activate`).catch((error: unknown) => {
			if (error instanceof HttpError && error.status === 400) throw new PublicationError(id, 'failed', [], error.body, error);
			throw error;
		});
		await this.waitForPublication(id, options.timeoutMs);
		return workflow;
	}

	/** n8n 2.41's publication status of a workflow; undefined on an n8n without asynchronous publication. */
	async publicationStatus(id: string): Promise<PublicationStatus | undefined> {
		try {
			return await this.rest<PublicationStatus>('GET', `/workflows/${id}/publication-status`);
		} catch (error) {
			if (error instanceof HttpError && error.status === 404 && !error.body.includes('"status"')) return undefined;
			throw error;
		}
	}

	/** Polls the publication status until it settles; throws PublicationError when a trigger failed. */
	async waitForPublication(id: string, timeoutMs = 60_000): Promise<PublicationStatus | undefined> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await this.publicationStatus(id);
			if (!status) return undefined;
			const failed = status.triggers.filter((trigger) => trigger.status === 'failed');
			if (failed.length > 0) {
				const message = failed.map((trigger) => trigger.errorMessage ?? '(no message)').join('; ');
				throw new PublicationError(id, status.status, status.triggers, message);
			}
			if (status.status === 'published') return status;
			if (Date.now() > deadline) {
				throw new PublicationError(id, status.status, status.triggers, `still ${status.status} after ${timeoutMs} ms`);
			}
			await delay(200);
		}
	}

	/** Deactivates ("unpublishes") a workflow and, on n8n 2.41, waits until its triggers are closed. */
	async deactivateWorkflow(id: string, timeoutMs = 60_000): Promise<Workflow> {
		const workflow = await this.api<Workflow>('POST', `/workflows/${id}/deactivate`);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await this.publicationStatus(id);
			if (!status || status.status === 'not_published') return workflow;
			if (Date.now() > deadline) throw new Error(`workflow ${id} still ${status.status} ${timeoutMs} ms after deactivation`);
			await delay(200);
		}
	}

	async deleteWorkflow(id: string): Promise<void> {
		await this.api('DELETE', `/workflows/${id}`);
	}
}
