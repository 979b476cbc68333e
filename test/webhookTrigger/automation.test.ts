// Automation POSTs: any JSON object, {action, _id} by SeaTable's example, and the actions filter.
import { afterEach, describe, expect, it } from '@jest/globals';

import { clearDeliveries, receiveWebhook, type ReceiveSettings } from '../../nodes/seatable-client/webhookReceive';
import { pythonJsonDumps, seaTableSignature } from './seaTableSender';

const SECRET = 'automation-secret';

function receive(body: unknown, overrides: Partial<ReceiveSettings> = {}) {
	const rawBody = Buffer.from(pythonJsonDumps(body));
	const settings: ReceiveSettings = {
		source: 'automation',
		secret: SECRET,
		allowUnsigned: false,
		tables: [],
		operations: [],
		watchColumns: [],
		actions: [],
		dedupe: { scope: 'automation-test', windowMs: 60_000 },
		...overrides,
	};
	return receiveWebhook({ contentType: 'application/json', rawBody, signature: seaTableSignature(SECRET, rawBody) }, settings, '2026-12-01T08:00:00.000Z');
}

afterEach(() => clearDeliveries());

describe('automation', () => {
	it("SeaTable's example body becomes action, row_id and the body", () => {
		const result = receive({ action: 'transfer', _id: 'QoNno3QiTF26sxmG1sl3_g' });
		expect(result.status).toBe(200);
		expect(result.items?.[0]).toEqual({
			event: 'automation',
			eventId: expect.stringMatching(/^[0-9a-f]{32}$/),
			action: 'transfer',
			row_id: 'QoNno3QiTF26sxmG1sl3_g',
			body: { action: 'transfer', _id: 'QoNno3QiTF26sxmG1sl3_g' },
			received_at: '2026-12-01T08:00:00.000Z',
			source: 'automation',
		});
	});

	it('any JSON object: no action and no _id is fine', () => {
		expect(receive({ hello: 'world', table_name: 'Tasks' }).items?.[0]).toMatchObject({ row_id: null, table_name: 'Tasks', body: { hello: 'world' } });
	});

	it('the actions filter', () => {
		expect(receive({ action: 'archive', _id: 'r1' }, { actions: ['transfer', 'approve'] })).toMatchObject({ status: 200, items: [] });
		expect(receive({ action: 'approve', _id: 'r1' }, { actions: ['transfer', 'approve'] }).items).toHaveLength(1);
		expect(receive({ _id: 'r1' }, { actions: ['transfer'] }).items).toEqual([]);
	});

	it('the same body posted twice starts one execution; another row starts its own', () => {
		expect(receive({ action: 'transfer', _id: 'r1' }).items).toHaveLength(1);
		expect(receive({ action: 'transfer', _id: 'r1' }).answer).toEqual({ received: true, duplicate: true });
		expect(receive({ action: 'transfer', _id: 'r2' }).items).toHaveLength(1);
	});

	it('is not read as a base webhook: no "event" needed', () => {
		expect(receive({ action: 'x' }).status).toBe(200);
	});
});
