import type { INodeProperties } from 'n8n-workflow';

// Parameter names are part of the public contract (workflows store them): do not rename.
export const toastProperties: INodeProperties[] = [
	{
		// One field for both ways of addressing people: pick collaborators from the list, or switch
		// to an expression for names, emails or a row's collaborator column.
		displayName: 'Recipient Names or IDs',
		name: 'to',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCollaborators' },
		default: [],
		required: true,
		description:
			'Who sees the toast: collaborators of the base. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: 'In an expression, separate several recipients with commas. Each can be a username (…@auth.local), an email, a contact email or a collaborator\'s exact name.',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'e.g. The invoice for row 42 was approved',
		description: 'The plain text shown in the toast, at most 5,000 characters',
	},
	{
		displayName: 'Toast Type',
		name: 'toastType',
		type: 'options',
		options: [
			{ name: 'Success', value: 'success', description: 'A green toast' },
			{ name: 'Warning', value: 'warning', description: 'An orange toast' },
			{ name: 'Danger', value: 'danger', description: 'A red toast' },
		],
		default: 'success',
		description: 'The colour and icon of the toast',
	},
];
