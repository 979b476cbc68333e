import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { acquireClient, CREDENTIAL_TYPE } from '../shared/client';
import { toNodeError } from '../shared/errors';
import { toastProperties } from './description';
import { getCollaborators } from './methods/loadOptions';
import { collaboratorsOnce, sendToast } from './sendToast';

export class SeaTableToast implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SeaTable Toast',
		name: 'seaTableToast',
		icon: { light: 'file:../icons/seatable.svg', dark: 'file:../icons/seatable.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{"to " + $parameter["to"]}}',
		description: 'Show a toast notification to collaborators of a SeaTable base',
		defaults: { name: 'SeaTable Toast' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: toastProperties,
	};

	methods = { loadOptions: { getCollaborators } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		const lease = await acquireClient.call(this);
		try {
			const client = lease.client;
			const collaborators = collaboratorsOnce(client);
			for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
				try {
					const json = await sendToast.call(this, itemIndex, client, collaborators);
					returnData.push(
						...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(json), {
							itemData: { item: itemIndex },
						}),
					);
				} catch (error) {
					const nodeError = toNodeError(this.getNode(), error, itemIndex);
					if (this.continueOnFail()) {
						returnData.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
						continue;
					}
					throw nodeError;
				}
			}
		} finally {
			lease.release();
		}

		return [returnData];
	}
}
