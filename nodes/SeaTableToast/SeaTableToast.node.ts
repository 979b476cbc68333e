import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/client';
import { toastProperties, toastSubtitle } from './description';
import { executeToast } from './execute';
import { getCollaborators } from './methods/loadOptions';
import { searchCollaborators } from './methods/listSearch';

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
		return await executeToast.call(this);
	}
}
