import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { getClient } from '../../shared/client';
import { toNodeError } from '../../shared/errors';
import { chosenTables } from '../tableLocator';

export async function getTables(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await getClient.call(this);
	try {
		const metadata = await client.getMetadata();
		return metadata.tables.map((table) => ({ name: table.name, value: table._id }));
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}

/** Columns of the chosen tables (all tables when none is chosen); the value is the column name. */
export async function getColumns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await getClient.call(this);
	const picked = chosenTables(this, this.getNode().typeVersion);
	const chosen = Array.isArray(picked) ? picked.map(String) : [];
	try {
		const metadata = await client.getMetadata();
		const seen = new Map<string, string[]>();
		for (const table of metadata.tables) {
			if (chosen.length > 0 && !chosen.includes(table._id)) continue;
			for (const column of table.columns) {
				const tables = seen.get(column.name) ?? [];
				tables.push(table.name);
				seen.set(column.name, tables);
			}
		}
		return [...seen.entries()]
			.map(([name, tables]) => ({ name, value: name, description: `In ${tables.join(', ')}` }))
			.sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
