import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/client';
import { triggerProperties } from './description';
import { trigger } from './trigger';
import { searchTables } from './methods/listSearch';
import { getColumns, getTables } from './methods/loadOptions';
import { triggerPanel, triggerSubtitle } from './panel';

export class SeaTableRealtimeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SeaTable Realtime Trigger',
		name: 'seaTableRealtimeTrigger',
		icon: { light: 'file:../icons/seatableTrigger.svg', dark: 'file:../icons/seatableTrigger.dark.svg' },
		group: ['trigger'],
		// 2: the table is a resource locator (one table or all); 1 keeps its list of table ids.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: triggerSubtitle,
		description:
			'Starts a workflow the moment rows, links or columns change in a SeaTable base, within milliseconds and without polling (realtime connection, catch-up after restarts)',
		eventTriggerDescription: 'Waiting for you to make a change in SeaTable',
		defaults: { name: 'SeaTable Realtime Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: triggerProperties,
		triggerPanel,
	};

	methods = { loadOptions: { getTables, getColumns }, listSearch: { searchTables } };

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await trigger.call(this);
	}
}
