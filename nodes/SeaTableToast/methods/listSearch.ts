// The search of version 2's Recipient locator, over the same collaborators as version 1's list.
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { getCollaborators } from './loadOptions';

/** "From list" of version 2's Recipient: collaborators matching what the user types (name or email). */
export async function searchCollaborators(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const options = await getCollaborators.call(this);
	const wanted = filter?.trim().toLowerCase() ?? '';
	return {
		results: options
			.filter((option) => !wanted || option.name.toLowerCase().includes(wanted) || String(option.value).toLowerCase().includes(wanted))
			// The list shows "Name (email)"; the name alone is what the subtitle should say.
			.map((option) => ({ name: option.name.replace(/ \([^()]*\)$/, ''), value: option.value, description: option.name })),
	};
}
