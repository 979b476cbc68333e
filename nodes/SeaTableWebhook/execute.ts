// Per item: parameters → deliverWebhook() → output item, or an error (item).
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { deliverWebhook } from '../seatable-client/webhook';
import { errorItemJson, withoutSecret } from '../shared/errors';
import { executeItems } from '../shared/executeItems';
import { readWebhookSecret, SECRET_CREDENTIAL_TYPE } from '../shared/webhookSecret';
import { readDelivery } from './parameters';

export async function executeWebhook(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = withoutSecret(this.getNode());
	const signal = this.getExecutionCancelSignal?.();
	// Known per node: without the credential, no await is added to each item.
	const signsWithCredential = node.credentials?.[SECRET_CREDENTIAL_TYPE] !== undefined;

	return await executeItems(
		this,
		async (itemIndex, item) => {
			const secret = signsWithCredential ? await readWebhookSecret(this, itemIndex) : undefined;
			const result = await deliverWebhook({ ...readDelivery(this, itemIndex, item, node, secret), signal });
			return { ...result } as IDataObject;
		},
		{ node, errorJson: errorItemJson },
	);
}
