// Suggestions for "Recipient Names or IDs": the base's collaborators, shown as people know them,
// stored as the username the toast API needs.
import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { acquireClient } from '../../shared/client';
import { toNodeError } from '../../shared/errors';
import { describeCollaborator } from '../recipients';

export async function getCollaborators(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const lease = await acquireClient.call(this);
	try {
		const collaborators = await lease.client.getCollaborators();
		return collaborators
			.map((collaborator) => ({ name: describeCollaborator(collaborator), value: collaborator.email }))
			.sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	} finally {
		lease.release();
	}
}

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
