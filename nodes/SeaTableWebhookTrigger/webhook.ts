// One request: the core verifies and reads it, the answer goes out at once, then the workflow
// starts with the item (for automations, after reading the row when a credential is selected).
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { addAutomationRow, receiveWebhook, SIGNATURE_HINT, type WebhookAnswer } from '../seatable-client/webhookReceive';
import { getClient } from '../shared/client';
import { readSettings } from './parameters';

type RawRequest = { rawBody?: Buffer; readRawBody?: () => Promise<void> };

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const response = this.getResponseObject();
	const settings = await readSettings.call(this);
	// n8n keeps the bytes it received in rawBody; it reads them on demand when it did not parse the body.
	const raw = request as unknown as RawRequest;
	if (raw.rawBody === undefined && typeof raw.readRawBody === 'function') await raw.readRawBody();
	const signature = request.headers['x-seatable-signature'];
	const result = receiveWebhook(
		{
			contentType: request.headers['content-type'],
			rawBody: raw.rawBody,
			signature: Array.isArray(signature) ? signature[0] : signature,
		},
		settings,
	);
	// SeaTable waits 30 s and disables a webhook after 5 failures: answer before anything slow.
	response.status(result.status).json(withSecretPlace(result.answer));
	if (result.items === undefined || result.items.length === 0) return { noWebhookResponse: true };

	if (settings.readRow) {
		const client = await getClient.call(this);
		for (const item of result.items) await addAutomationRow(client, item, settings.table);
	}
	return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray(result.items as IDataObject[])] };
}

/** Where this node's secret is, for whoever reads the answer (SeaTable's webhook log, a script's output). */
export const SECRET_PLACE = 'In n8n, the secret is set in the SeaTable Webhook Secret API credential of the SeaTable Webhook Trigger node.';

/** A signature problem's hint says "at the receiver": here, that is this node. */
function withSecretPlace(answer: WebhookAnswer): WebhookAnswer {
	if (!('hint' in answer) || answer.hint !== SIGNATURE_HINT) return answer;
	return { ...answer, hint: `${SIGNATURE_HINT}. ${SECRET_PLACE}` };
}
