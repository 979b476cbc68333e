// The subtitles under the nodes' names, evaluated the way the editor does (n8n-workflow's
// expression engine against the node's parameters), for today's saved values and version 2's.
import { describe, expect, it } from '@jest/globals';
import { Workflow, type INode, type INodeParameters, type INodeType, type INodeTypes } from 'n8n-workflow';

import { SeaTableRealtimeTrigger } from '../../nodes/SeaTableRealtimeTrigger/SeaTableRealtimeTrigger.node';
import { SeaTableToast } from '../../nodes/SeaTableToast/SeaTableToast.node';
import { SeaTableWebhook } from '../../nodes/SeaTableWebhook/SeaTableWebhook.node';

function subtitle(nodeType: INodeType, typeVersion: number, parameters: INodeParameters): unknown {
	const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const node: INode = { id: 'n1', name: 'Node', type: `n8n-nodes-seatable-realtime.${nodeType.description.name}`, typeVersion, position: [0, 0], parameters };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, nodeType.description.subtitle as string, 'internal', {});
}

const toast = new SeaTableToast();
const webhook = new SeaTableWebhook();
const trigger = new SeaTableRealtimeTrigger();
const anna = '8d3f2a1b9c4e47f0a6b5d8e7c1f2a3b4@auth.local';

describe('Toast subtitle', () => {
	it('names the person picked from the list (version 2)', () => {
		expect(subtitle(toast, 2, { to: { __rl: true, mode: 'list', value: anna, cachedResultName: 'Anna Schmidt' } })).toBe('to Anna Schmidt');
	});

	it('shows what was typed, and asks for a recipient when there is none', () => {
		expect(subtitle(toast, 2, { to: { __rl: true, mode: 'text', value: 'ben.carter@example.org' } })).toBe('to ben.carter@example.org');
		expect(subtitle(toast, 2, { to: { __rl: true, mode: 'list', value: '' } })).toBe('Pick a recipient');
		expect(subtitle(toast, 1, { to: [] })).toBe('Pick a recipient');
	});

	it('does not show expressions as they are written', () => {
		expect(subtitle(toast, 1, { to: '={{ $json.modifier }}' })).toBe('to mapped recipients');
		expect(subtitle(toast, 2, { to: { __rl: true, mode: 'text', value: '={{ $json.modifier }}' } })).toBe('to mapped recipients');
	});

	it('reads version 1 lists', () => {
		expect(subtitle(toast, 1, { to: [anna] })).toBe(`to ${anna}`);
		expect(subtitle(toast, 1, { to: [anna, 'b@auth.local'] })).toBe('to 2 people');
	});
});

describe('Webhook subtitle', () => {
	it('says what is sent and where, without the scheme', () => {
		expect(subtitle(webhook, 1, { payload: 'actionAndRow', url: 'https://hooks.example.com/seatable?x=1' })).toBe(
			'Row id + action to hooks.example.com/seatable',
		);
		expect(subtitle(webhook, 1, { payload: 'item', url: 'http://127.0.0.1:8787/in' })).toBe('Input item to 127.0.0.1:8787/in');
		expect(subtitle(webhook, 1, { payload: 'custom', url: '' })).toBe('Custom JSON (no URL yet)');
	});
});

describe('Trigger subtitle', () => {
	it('names the kinds of change and the table picked by name (version 2)', () => {
		expect(
			subtitle(trigger, 2, {
				event: 'baseChange',
				table: { __rl: true, mode: 'list', value: '0000', cachedResultName: 'Tasks' },
				operations: ['rowCreated', 'rowUpdated'],
			}),
		).toBe('Rows created, Rows updated in Tasks');
		expect(subtitle(trigger, 2, { event: 'baseChange', table: { __rl: true, mode: 'url', value: 'https://x/dtable/B/?tid=0000&vid=0000' }, operations: [] })).toBe(
			'Any change in table 0000',
		);
		expect(subtitle(trigger, 2, { event: 'baseChange', table: { __rl: true, mode: 'list', value: '' }, operations: [] })).toBe('Any change in all tables');
	});

	it('reads version 1 table lists, and says Notifications for that event', () => {
		expect(subtitle(trigger, 1, { event: 'baseChange', tables: ['0000'], operations: ['rowDeleted'] })).toBe('Rows deleted in table 0000');
		expect(subtitle(trigger, 1, { event: 'baseChange', tables: [], operations: [] })).toBe('Any change in all tables');
		expect(subtitle(trigger, 1, { event: 'notification' })).toBe('Notifications');
	});
});
