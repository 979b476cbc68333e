// Suggestions for "Recipient Names or IDs": the base's collaborators, shown as people know them,
// stored as the username the toast API needs.
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

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
