// "From list" of the Table resource locator: the base's tables, filtered by what the user types.
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { getClient } from '../../shared/client';
import { toNodeError } from '../../shared/errors';

export async function searchTables(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await getClient.call(this);
	try {
		const metadata = await client.getMetadata();
		const wanted = filter?.trim().toLowerCase() ?? '';
		const results = metadata.tables
			.filter((table) => !wanted || table.name.toLowerCase().includes(wanted) || table._id.toLowerCase() === wanted)
			.map((table) => ({ name: table.name, value: table._id }));
		return { results };
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
