// n8n's "Allowed HTTP Request Domains" on the SeaTable credential, in a real n8n: n8n adds the
// setting to the credential, and the nodes honour it although they make their own requests.
import { describe, expect, it } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';

import { SAMPLE_IDS, sampleBase } from '../emulator';
import { waitFor } from '../helpers/waitFor';
import { failure, nodeOutput } from './support/executions';
import { useStack } from './support/stack';
import { TRIGGER, triggerOnlyWorkflow } from './support/workflows';

const [anna] = sampleBase().collaborators;

describe('Allowed HTTP Request Domains', () => {
	const world = useStack();

	async function credentialAllowing(allowedDomains: string): Promise<{ credentialId: string; credentialName: string }> {
		const { n8n, emulator } = world();
		const credential = await n8n.createCredential(
			{ serverUrl: emulator.url, apiToken: emulator.apiToken, allowedHttpRequestDomains: 'domains', allowedDomains },
			{ name: `SeaTable allowing ${allowedDomains}` },
		);
		return { credentialId: credential.id, credentialName: credential.name };
	}

	it('n8n offers the setting on the credential', async () => {
		const schema = await world().n8n.credentialSchema();
		expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['allowedHttpRequestDomains', 'allowedDomains']));
	});

	it('a trigger whose SeaTable host is not allowed fails with an error naming the setting, and sends nothing', async () => {
		const { n8n, emulator } = world();
		const requestsBefore = emulator.requests.length;
		const workflow = await n8n.createWorkflow(triggerOnlyWorkflow(await credentialAllowing('seatable.example.com'), { manualTimeout: 30 }));
		const execution = await n8n.waitForExecution(await n8n.runManually(workflow.id, TRIGGER), 60_000);
		expect(execution.status).toBe('error');
		expect(failure(execution)).toContain('The credential does not allow requests to 127.0.0.1 (the Server URL)');
		expect(failure(execution)).toContain('Allowed Domains');
		expect(emulator.requests.length).toBe(requestsBefore);
		expect(emulator.socketCount()).toBe(0);
	}, 90_000);

	it('the same trigger works once the host is in "Allowed Domains"', async () => {
		const { n8n, emulator } = world();
		const workflow = await n8n.createWorkflow(triggerOnlyWorkflow(await credentialAllowing('seatable.example.com, 127.0.0.1'), { manualTimeout: 60 }));
		const executionId = await n8n.runManually(workflow.id, TRIGGER);
		await waitFor('the manual run to join the base', () => emulator.joinedCount() > 0, 30_000);
		// The node listens right after its socket joined: insert until a row arrives.
		let execution = await n8n.getExecution(executionId, false);
		const inserted: string[] = [];
		for (let attempt = 0; execution.status === 'running' && attempt < 20; attempt++) {
			inserted.push(emulator.insertRow(SAMPLE_IDS.tasks, { Name: 'Allowed' }, { author: anna.email }).row._id);
			await delay(500);
			execution = await n8n.getExecution(executionId, false);
		}
		execution = await n8n.waitForExecution(executionId);
		expect(failure(execution)).toBeUndefined();
		expect(inserted).toContain(nodeOutput(execution, TRIGGER)[0]?.row_id);
		await waitFor('the manual run to close its socket', () => emulator.socketCount() === 0, 30_000);
	}, 120_000);
});
