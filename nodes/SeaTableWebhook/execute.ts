// Per item: parameters → deliverWebhook() → output item, or an error (item).
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { deliverWebhook } from '../seatable-client/webhook';
import { readWebhookSecret } from '../shared/webhookSecret';
import { errorItemJson, toNodeError, withoutSecret } from './errors';
import { readDelivery } from './request';

export async function executeWebhook(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = withoutSecret(this.getNode());
	const signal = this.getExecutionCancelSignal?.();
	const output: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const delivery = readDelivery(this, itemIndex, items[itemIndex], node, await readWebhookSecret(this, itemIndex));
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
