// Per item: parameters → deliverWebhook() → output item, or an error (item).
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { deliverWebhook } from '../seatable-client/webhook';
import { readWebhookSecret, SECRET_CREDENTIAL_TYPE } from '../shared/webhookSecret';
import { errorItemJson, toNodeError, withoutSecret } from './errors';
import { readDelivery } from './request';

export async function executeWebhook(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = withoutSecret(this.getNode());
	const signal = this.getExecutionCancelSignal?.();
	const output: INodeExecutionData[] = [];
	// Known per node: without the credential, no await is added to each item.
	const signsWithCredential = node.credentials?.[SECRET_CREDENTIAL_TYPE] !== undefined;

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const delivery = readDelivery(
				this,
				itemIndex,
				items[itemIndex],
				node,
				signsWithCredential ? await readWebhookSecret(this, itemIndex) : undefined,
			);
			const result = await deliverWebhook({ ...delivery, signal });
			output.push(
				...this.helpers.constructExecutionMetaData(
					this.helpers.returnJsonArray({ ...result } as IDataObject),
					{ itemData: { item: itemIndex } },
				),
			);
		} catch (error) {
			const nodeError = toNodeError(node, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			output.push({ json: errorItemJson(nodeError), pairedItem: { item: itemIndex } });
		}
	}

	return [output];
}
