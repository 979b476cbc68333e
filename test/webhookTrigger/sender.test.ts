// The test sender writes the bytes Python's json.dumps writes, so the tests below exercise what
// SeaTable really sends; and a receiver that re-serialises the body would fail on them.
import { describe, expect, it } from '@jest/globals';

import { checkSignature } from '../../nodes/seatable-client/webhookReceive';
import { pythonJsonDumps, seaTableSignature } from './seaTableSender';

// Printed by python3 -c 'import json; print(json.dumps(body))' for the same body (ensure_ascii:
// é → \u00e9, an emoji → a surrogate pair; ", " and ": " separators; "/" not escaped).
const PYTHON_OUTPUT =
	'{"event": "update", "data": {"op_time": 1649929622.589, "table_name": "Opportunit\\u00e9s", "row_name": "Zo\\u00eb \\u2603 \\ud83d\\ude00 </x> \\n\\t\\"q\\"", "row_data": [{"value": "381992", "n": null, "t": true, "i": 3, "z": [], "e": {}}]}}';

const BODY = {
	event: 'update',
	data: {
		op_time: 1649929622.589,
		table_name: 'Opportunités',
		row_name: 'Zoë ☃ 😀 </x> \n\t"q"',
		row_data: [{ value: '381992', n: null, t: true, i: 3, z: [], e: {} }],
	},
};

describe('the SeaTable-like sender', () => {
	it('writes exactly what Python json.dumps writes', () => {
		expect(pythonJsonDumps(BODY)).toBe(PYTHON_OUTPUT);
	});

	it('signs bytes that differ from JSON.stringify, so only the raw body verifies', () => {
		const secret = 's3cr3t';
		const raw = Buffer.from(pythonJsonDumps(BODY));
		const signature = seaTableSignature(secret, raw);
		const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))));
		expect(reserialised.equals(raw)).toBe(false);
		expect(checkSignature(raw, signature, secret)).toBe('valid');
		expect(checkSignature(reserialised, signature, secret)).toBe('invalid');
	});
});
