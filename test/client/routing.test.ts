// Calls go to /api-gateway/api/v2/… on current servers and to /dtable-server/api/v1/… before 5.3.
import { afterEach, expect, test } from '@jest/globals';
import { SeaTableClient, destroyIdleConnections } from '../../nodes/seatable-client';
import { SeaTableEmulator } from '../emulator';

let emu: SeaTableEmulator;

afterEach(async () => {
	await emu?.close();
	destroyIdleConnections();
});

const baseCalls = () =>
	emu.requests.filter((request) => !request.path.startsWith('/api/v2.1/dtable/app-access-token') && !request.path.includes('socket.io'));

test.each([
	[true, ['/api-gateway/api/v2/dtables/UUID/metadata/', '/api-gateway/api/v2/dtables/UUID/related-users/', '/api-gateway/api/v2/dtables/UUID/operations/', '/api-gateway/api/v2/dtables/UUID/ui-toasts/']],
	[false, ['/dtable-server/api/v1/dtables/UUID/metadata/', '/api/v2.1/dtables/UUID/related-users/', '/dtable-server/api/v1/dtables/UUID/operations/', '/dtable-server/api/v1/dtables/UUID/ui-toasts/']],
])('useApiGateway=%s routes every base call to its place', async (useApiGateway, expectedPaths) => {
	emu = await SeaTableEmulator.start({ useApiGateway });
	const seaTable = new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken });
	const metadata = await seaTable.getMetadata();
	const users = await seaTable.getCollaborators();
	emu.insertRow('Tasks', { Name: 'logged' });
	const operations = await seaTable.getOperations(1);
	await seaTable.sendToast(users[0].email, 'hello', 'success');

	expect(metadata.tables.map((table) => table.name)).toContain('Tasks');
	expect(users[0].email).toMatch(/@auth\.local$/);
	expect(operations[0].op_id).toBe(emu.base().version);
	expect(emu.toasts).toHaveLength(1);
	expect(baseCalls().map((request) => request.path.split('?')[0])).toEqual(expectedPaths.map((path) => path.replace('UUID', emu.uuid)));
	expect(baseCalls().every((request) => request.status === 200)).toBe(true);
});
