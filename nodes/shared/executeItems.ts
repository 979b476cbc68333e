// The per-item loop of the action nodes: each input item gives one output item paired with it.
// A failed item stops the execution, or with "Continue On Fail" becomes an error item in its place.
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, NodeError } from 'n8n-workflow';

import { toNodeError } from './errors';

export interface ItemErrors {
	/** The node the errors name; the node itself unless a copy must hide a parameter (the webhook's Secret). */
	node?: INode;
	/** The error item's json; `{ error: message }` unless the node says more (the webhook's status code). */
	errorJson?(error: NodeError): IDataObject;
}

export async function executeItems(
	context: IExecuteFunctions,
	runItem: (itemIndex: number, item: INodeExecutionData) => Promise<IDataObject>,
	errors: ItemErrors = {},
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const json = await runItem(itemIndex, items[itemIndex]);
			output.push(
				...context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(json), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			const nodeError = toNodeError(errors.node ?? context.getNode(), error, itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			const json = errors.errorJson ? errors.errorJson(nodeError) : { error: nodeError.message };
			output.push({ json, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
