// n8n's "Allowed HTTP Request Domains" on the credential: the nodes refuse hosts it does not allow
// (the Server URL's, then the base's dtable_server's) before sending anything there.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeOperationError } from 'n8n-workflow';

import { domainProblem } from '../../nodes/shared/allowedDomains';
import { SeaTableToast } from '../../nodes/SeaTableToast/SeaTableToast.node';
import { SAMPLE_IDS, sampleBase, SeaTableEmulator } from '../emulator';
import { executeContext } from '../toast/context';
import { useNodeTestBed } from './nodeTestBed';

const [anna] = sampleBase().collaborators;

/** The credential as n8n hands it over, with the domain fields n8n added to it. */
function restrict(context: ReturnType<typeof executeContext>, credential: Record<string, string>): void {
	(context.getCredentials as unknown as { mockResolvedValue(value: unknown): void }).mockResolvedValue(credential);
}

describe('which hosts a credential allows', () => {
	const url = 'https://cloud.seatable.io/api/v2.1/';
	it('all, by default and with "All"', () => {
		expect(domainProblem({}, url, 'the Server URL')).toBeUndefined();
		expect(domainProblem({ allowedHttpRequestDomains: 'all', allowedDomains: 'example.com' }, url, 'the Server URL')).toBeUndefined();
	});

	it('the listed domains, with wildcards for subdomains', () => {
		expect(domainProblem({ allowedHttpRequestDomains: 'domains', allowedDomains: 'cloud.seatable.io' }, url, 'x')).toBeUndefined();
		expect(domainProblem({ allowedHttpRequestDomains: 'domains', allowedDomains: 'example.com, *.seatable.io' }, url, 'x')).toBeUndefined();
		expect(domainProblem({ allowedHttpRequestDomains: 'domains', allowedDomains: '*.cloud.seatable.io' }, url, 'x')).toBeDefined();
		expect(domainProblem({ allowedHttpRequestDomains: 'domains', allowedDomains: 'Cloud.SeaTable.io.' }, url, 'x')).toBeUndefined();
		expect(domainProblem({ allowedHttpRequestDomains: 'domains', allowedDomains: '*.seatable.io' }, 'https://evilseatable.io/', 'x')).toBeDefined();
		expect(domainProblem({ allowedHttpRequestDomains: 'domains', allowedDomains: 'seatable.io' }, 'https://cloud.seatable.io/', 'x')).toBeDefined();
	});

	it('nothing with "None" or an empty list, each saying which setting to change', () => {
		expect(domainProblem({ allowedHttpRequestDomains: 'none' }, url, 'the Server URL')).toEqual({
			message: 'The credential does not allow requests to cloud.seatable.io (the Server URL): its "Allowed HTTP Request Domains" is "None"',
			description:
				'In the SeaTable Realtime API credential, set "Allowed HTTP Request Domains" to "Specific Domains" with cloud.seatable.io in "Allowed Domains", or to "All".',
		});
		expect(domainProblem({ allowedHttpRequestDomains: 'domains', allowedDomains: 'cloud.seatable.io' }, 'https://dtable.example.com/', "the base's dtable_server")?.message).toBe(
			'The credential does not allow requests to dtable.example.com (the base\'s dtable_server): dtable.example.com is not in its "Allowed Domains" ("Allowed HTTP Request Domains" is "Specific Domains")',
		);
		expect(domainProblem({ allowedHttpRequestDomains: 'domains', allowedDomains: ' ' }, url, 'the Server URL')?.description).toBe(
			'In the SeaTable Realtime API credential, add cloud.seatable.io to "Allowed Domains" (now: empty), or set "Allowed HTTP Request Domains" to "All".',
		);
	});
});

describe('the nodes honour it', () => {
	const bed = useNodeTestBed();
	let emu: SeaTableEmulator | undefined;
	let stub: Server | undefined;
	beforeEach(() => {
		emu = undefined;
		stub = undefined;
	});

	async function trigger(restriction: { allowedHttpRequestDomains: string; allowedDomains?: string }) {
		emu = await bed.emulator();
		return await bed.trigger({ event: 'baseChange' }, 2, restriction);
	}

	it('the trigger refuses a Server URL outside "Allowed Domains" before any request', async () => {
		const error = await trigger({ allowedHttpRequestDomains: 'domains', allowedDomains: 'seatable.example.com' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(
			'The credential does not allow requests to 127.0.0.1 (the Server URL): 127.0.0.1 is not in its "Allowed Domains" ("Allowed HTTP Request Domains" is "Specific Domains")',
		);
		expect((error as NodeOperationError).description).toContain('add 127.0.0.1 to "Allowed Domains" (now: seatable.example.com)');
		expect(emu!.requests).toEqual([]);
		expect(emu!.socketCount()).toBe(0);
	});

	it('the trigger works when the host is allowed', async () => {
		const harness = await trigger({ allowedHttpRequestDomains: 'domains', allowedDomains: 'example.com, 127.0.0.1' });
		const { row } = emu!.insertRow(SAMPLE_IDS.tasks, { Name: 'allowed' });
		await harness.waitForEmits(1);
		expect(harness.items()[0].row_id).toBe(row._id);
	});

	it("the toast never reaches a dtable_server on another host", async () => {
		// A server that answers the token exchange like SeaTable, with its dtable_server elsewhere.
		const requests: string[] = [];
		stub = createServer((req, res) => {
			requests.push(req.url ?? '');
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(
				JSON.stringify({ app_name: 'n8n', access_token: 'x.y.z', dtable_uuid: SAMPLE_IDS.uuid, dtable_server: 'https://dtable.example.com/', use_api_gateway: false }),
			);
		});
		await new Promise<void>((resolve) => stub!.listen(0, '127.0.0.1', resolve));
		const server = stub;
		bed.onCleanUp(async () => await new Promise<void>((resolve) => server.close(() => resolve())));
		const serverUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
		const fake = { url: serverUrl, apiToken: SAMPLE_IDS.apiToken } as SeaTableEmulator;
		const context = executeContext(fake, { parameters: { to: { __rl: true, mode: 'list', value: anna.email }, message: 'Hi', toastType: 'success' } });
		restrict(context, { serverUrl, apiToken: SAMPLE_IDS.apiToken, allowedHttpRequestDomains: 'domains', allowedDomains: '127.0.0.1' });
		const error = await new SeaTableToast().execute.call(context).catch((e: unknown) => e);
		// Over plain http the client core already refuses to hand the base token to another host; over
		// https the credential's rule refuses it (domainProblem above): either way nothing goes there.
		expect((error as Error).message).toContain('dtable.example.com');
		expect(requests).toEqual(['/api/v2.1/dtable/app-access-token/']);
	});

	it("the toast works when the base's dtable_server is on an allowed host (an older server)", async () => {
		emu = await SeaTableEmulator.start({ useApiGateway: false });
		const legacy = emu;
		bed.onCleanUp(async () => await legacy.close());
		const context = executeContext(emu, { parameters: { to: anna.email, message: 'Hi', toastType: 'success' } });
		restrict(context, { serverUrl: emu.url, apiToken: emu.apiToken, allowedHttpRequestDomains: 'domains', allowedDomains: '127.0.0.1' });
		const [output] = await new SeaTableToast().execute.call(context);
		expect(output[0].json.sent).toBe(true);
		expect(emu.toasts.map((toast) => toast.to_user)).toEqual([anna.email]);
	});

	it('the toast refuses everything with "None"', async () => {
		emu = await bed.emulator();
		const context = executeContext(emu, { parameters: { to: anna.email, message: 'Hi', toastType: 'success' } });
		restrict(context, { serverUrl: emu.url, apiToken: emu.apiToken, allowedHttpRequestDomains: 'none' });
		const error = await new SeaTableToast().execute.call(context).catch((e: unknown) => e);
		expect((error as Error).message).toContain('its "Allowed HTTP Request Domains" is "None"');
		expect(emu.toasts).toEqual([]);
		expect(emu.requests).toEqual([]);
	});
});
