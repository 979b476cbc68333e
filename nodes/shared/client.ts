// The bridge from n8n to the SeaTable client core: credentials in, a shared client out.
import type { IExecuteFunctions, ILoadOptionsFunctions, ITriggerFunctions, IWebhookFunctions } from 'n8n-workflow';

import { acquireSeaTableClient, type ClientLease, type SeaTableClient } from '../seatable-client';
import { toNodeError } from './errors';

export const CREDENTIAL_TYPE = 'seaTableRealtimeApi';

export interface SeaTableCredentials {
	serverUrl: string;
	apiToken: string;
	ignoreSslIssues?: boolean;
}

type NodeContext = IExecuteFunctions | ILoadOptionsFunctions | ITriggerFunctions | IWebhookFunctions;

async function getCredentials(this: NodeContext): Promise<SeaTableCredentials> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	return {
		serverUrl: String(credentials.serverUrl ?? ''),
		apiToken: String(credentials.apiToken ?? ''),
		ignoreSslIssues: credentials.ignoreSslIssues === true,
	};
}

/**
 * The process-wide client for the node's credential (one base token per credential), held until
 * the lease is released: call `release()` when the execution (or the trigger) is done with it.
 */
export async function acquireClient(this: NodeContext): Promise<ClientLease> {
	const credentials = await getCredentials.call(this);
	try {
		return acquireSeaTableClient(credentials);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}

/** Like acquireClient, for a short use (a list for the editor): released after the idle time. */
export async function getClient(this: NodeContext): Promise<SeaTableClient> {
	const lease = await acquireClient.call(this);
	lease.release();
	return lease.client;
}
