// Proves that no secret hides anywhere in a thrown object: message, enumerable fields, or what
// util.inspect shows of its hidden ones.
import { expect } from '@jest/globals';
import { inspect } from 'node:util';

export function expectNoSecret(value: unknown, secrets: string[]): void {
	const views = [
		JSON.stringify(value) ?? '',
		inspect(value, { showHidden: true, depth: 8 }),
		value instanceof Error ? `${value.message}\n${value.stack ?? ''}` : '',
		Object.values((value as object) ?? {}).map(String).join('\n'),
	].join('\n');
	for (const secret of secrets) {
		expect(secret.length).toBeGreaterThan(8);
		expect(views).not.toContain(secret);
	}
}
