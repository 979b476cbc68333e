// A stand-in for n8n's IWebhookFunctions (unit tests only mock n8n): the request as n8n hands it
// over (rawBody kept by its body parser), and a response that records what the node answered.
import { jest } from '@jest/globals';
import type { IDataObject, INode, IWebhookFunctions } from 'n8n-workflow';

import { contextParameter, nodeHelpers } from '../helpers/n8nContext';
import { pythonJsonDumps, seaTableSignature } from './seaTableSender';

export interface WebhookCall {
	context: IWebhookFunctions;
	answered: { status?: number; body?: unknown };
	/** Where the credential lookups went (never the secret itself). */
	credentialTypes: string[];
}

export interface CallOptions {
	parameters: Record<string, unknown>;
	body: unknown;
	secret?: string;
	/** The secret the sender signs with (default: the credential's). */
	signWith?: string | null;
	seaTable?: { serverUrl: string; apiToken: string };
	mode?: 'webhook' | 'manual';
}

export function webhookCall(options: CallOptions): WebhookCall {
	const rawBody = Buffer.from(pythonJsonDumps(options.body));
	const signWith = options.signWith === undefined ? options.secret : options.signWith;
	const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'python-requests/2.31.0' };
	if (signWith) headers['x-seatable-signature'] = seaTableSignature(signWith, rawBody);
	const credentials: INode['credentials'] = {};
	if (options.secret !== undefined) credentials.seaTableWebhookSecretApi = { id: 'c1', name: 'Webhook secret' };
	if (options.seaTable) credentials.seaTableRealtimeApi = { id: 'c2', name: 'SeaTable' };
	const node: INode = {
		id: 'd4e5f6a7-0000-4000-8000-000000000016',
		name: 'SeaTable Webhook Trigger',
		type: 'n8n-nodes-seatable-realtime.seaTableWebhookTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials,
	};
	const answered: WebhookCall['answered'] = {};
	const credentialTypes: string[] = [];
	const response = {
		status: jest.fn((status: number) => {
			answered.status = status;
			return response;
		}),
		json: jest.fn((body: unknown) => {
			answered.body = body;
			return response;
		}),
	};
	const context = {
		getNode: () => node,
		getMode: () => options.mode ?? 'webhook',
		getWorkflow: () => ({ id: 'wf-16', active: true }),
		getNodeParameter: contextParameter(options.parameters),
		getCredentials: async (type: string) => {
			credentialTypes.push(type);
			if (type === 'seaTableWebhookSecretApi' && options.secret !== undefined) return { secret: options.secret };
			if (type === 'seaTableRealtimeApi' && options.seaTable) return { ...options.seaTable };
			throw new Error(`Node "${node.name}" does not have any credentials of type "${type}" set`);
		},
		getRequestObject: () => ({ headers, rawBody, body: JSON.parse(rawBody.toString('utf8')) as IDataObject }),
		getResponseObject: () => response,
		helpers: { returnJsonArray: nodeHelpers().returnJsonArray },
	};
	return { context: context as unknown as IWebhookFunctions, answered, credentialTypes };
}
