import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/client';
import { triggerProperties } from './description';
import { listen } from './listen';
import { getColumns, getTables } from './methods/loadOptions';

export class SeaTableRealtimeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SeaTable Realtime Trigger',
		name: 'seaTableRealtimeTrigger',
		icon: { light: 'file:../icons/seatable.svg', dark: 'file:../icons/seatable.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "notification" ? "Notification" : "Base Change"}}',
		description: 'Starts the workflow the moment a SeaTable base changes, over SeaTable\'s realtime connection',
		eventTriggerDescription: 'Waiting for a change in the SeaTable base',
		defaults: { name: 'SeaTable Realtime Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: triggerProperties,
	};

	methods = { loadOptions: { getTables, getColumns } };

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await listen.call(this);
	}
}
