// State kept once per SeaTable client (that is, per base) for as long as the client lives.
import type { SeaTableClient } from './client';

/** `create` runs once per client; later calls return the same value. Forgotten with the client. */
export function perClient<T extends object>(create: (client: SeaTableClient) => T): (client: SeaTableClient) => T {
	const values = new WeakMap<SeaTableClient, T>();
	return (client) => {
		let value = values.get(client);
		if (value === undefined) {
			value = create(client);
			values.set(client, value);
		}
		return value;
	};
}
