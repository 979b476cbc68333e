// Version 2's recipient field: a resource locator. "From list" stores the collaborator's username
// and keeps their name (cachedResultName) for the subtitle, so the canvas says "to Anna Schmidt";
// "By Username, Email or Name" takes one or more recipients as text, separated by commas.
import type { INodeProperties } from 'n8n-workflow';

export const recipientLocator: INodeProperties = {
	displayName: 'Recipient',
	name: 'to',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'Who sees the toast: a collaborator of the base',
	displayOptions: { show: { '@version': [2] } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a collaborator…',
			typeOptions: { searchListMethod: 'searchCollaborators', searchable: true },
		},
		{
			displayName: 'By Username, Email or Name',
			name: 'text',
			type: 'string',
			placeholder: 'e.g. anna@example.com, Ben Carter',
			hint: "Several recipients separated by commas. Each is a username (…@auth.local), an email, a contact email or a collaborator's exact name, e.g. {{ $json.modifier }} after the trigger.",
		},
	],
};

/** The recipients as version 1 stored them (a list or text), or the value of version 2's locator. */
export function recipientsFromParameter(value: unknown): unknown {
	if (value && typeof value === 'object' && !Array.isArray(value) && '__rl' in value) {
		return (value as { value?: unknown }).value ?? '';
	}
	return value;
}
