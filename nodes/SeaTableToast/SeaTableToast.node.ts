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
import { getCollaborators, searchCollaborators } from './methods/loadOptions';
import { toastSubtitle } from './subtitle';
import { collaboratorsOnce, sendToast } from './sendToast';

export class SeaTableToast implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SeaTable Toast',
		name: 'seaTableToast',
		icon: { light: 'file:../icons/seatableToast.svg', dark: 'file:../icons/seatableToast.dark.svg' },
		group: ['output'],
		// 2: the recipient is a resource locator that remembers the person's name; 1 keeps its multi-select.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: toastSubtitle,
		description: 'Pops a notification (success, warning, danger) up in SeaTable for people working in a base, e.g. the one who just changed a row',
		defaults: { name: 'SeaTable Toast' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: toastProperties,
	};

	methods = { loadOptions: { getCollaborators }, listSearch: { searchCollaborators } };

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
