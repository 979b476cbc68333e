// The bridge from n8n to the SeaTable client core: credentials in, a shared client out.
import {
	NodeOperationError,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type ITriggerFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { acquireSeaTableClient, type ClientLease, type SeaTableClient } from '../seatable-client';
import { domainProblem, restrictsDomains, type DomainProblem, type DomainRestriction } from './allowedDomains';
import { toNodeError } from './errors';

export const CREDENTIAL_TYPE = 'seaTableRealtimeApi';

interface SeaTableCredentials {
	serverUrl: string;
	apiToken: string;
	ignoreSslIssues?: boolean;
	/** n8n's "Allowed HTTP Request Domains", added by n8n to the credential. */
	restriction?: DomainRestriction;
}

type NodeContext = IExecuteFunctions | ILoadOptionsFunctions | ITriggerFunctions | IWebhookFunctions;

async function getCredentials(this: NodeContext): Promise<SeaTableCredentials> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	return {
		serverUrl: String(credentials.serverUrl ?? ''),
		apiToken: String(credentials.apiToken ?? ''),
		ignoreSslIssues: credentials.ignoreSslIssues === true,
		restriction: { allowedHttpRequestDomains: credentials.allowedHttpRequestDomains, allowedDomains: credentials.allowedDomains },
	};
}

/**
 * The process-wide client for the node's credential (one base token per credential), held until
 * the lease is released: call `release()` when the execution (or the trigger) is done with it.
 */
export async function acquireClient(this: NodeContext): Promise<ClientLease> {
	const { restriction, ...credentials } = await getCredentials.call(this);
	let lease: ClientLease;
	try {
		lease = acquireSeaTableClient(credentials);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
	if (restriction && restrictsDomains(restriction)) {
		try {
			await enforceAllowedDomains.call(this, lease.client, restriction);
		} catch (error) {
			lease.release();
			throw toNodeError(this.getNode(), error);
		}
	}
	return lease;
}

/** Like acquireClient, for a short use (a list for the editor): released after the idle time. */
export async function getClient(this: NodeContext): Promise<SeaTableClient> {
	const lease = await acquireClient.call(this);
	lease.release();
	return lease.client;
}

/** Before any request: the Server URL's host, then (from the base token) the dtable_server's. */
async function enforceAllowedDomains(this: NodeContext, client: SeaTableClient, restriction: DomainRestriction): Promise<void> {
	const refuse = (problem: DomainProblem | undefined) => {
		if (problem) throw new NodeOperationError(this.getNode(), problem.message, { description: problem.description });
	};
	refuse(domainProblem(restriction, client.serverUrl, 'the Server URL'));
	let dtableServer: string;
	try {
		dtableServer = (await client.getAccess()).dtableServer;
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
	refuse(domainProblem(restriction, dtableServer, "the base's dtable_server"));
}
