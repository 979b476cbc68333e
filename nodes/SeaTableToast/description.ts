// What the editor shows of the Toast node: its parameters and its subtitle.
import type { INodeProperties } from 'n8n-workflow';

// The Toast node's subtitle on the canvas, in words: "to Anna Schmidt", "to 2 people", or what
// is missing. n8n evaluates it as an expression against the node's parameters. $parameter.to gives
// a resource locator's value only; toJSON() gives the stored parameters, name (cachedResultName)
// and unevaluated expressions included.
const TO = '$parameter.toJSON().to';
const named = (text: string) => `(String(${text}).charAt(0) === "=" ? "to mapped recipients" : "to " + ${text})`;
// Version 2's locator: the name kept from the list, else what was typed.
const FROM_LOCATOR = `(${TO}.value ? (${TO}.cachedResultName ? "to " + ${TO}.cachedResultName : ${named(`${TO}.value`)}) : "Pick a recipient")`;
// Version 1's multi-select: usernames only, so a count when there are several.
const FROM_LIST = `(${TO}.length === 0 ? "Pick a recipient" : ${TO}.length === 1 ? "to " + ${TO}[0] : "to " + ${TO}.length + " people")`;

export const toastSubtitle = `={{ !${TO} ? "Pick a recipient" : ${TO}.__rl ? ${FROM_LOCATOR} : Array.isArray(${TO}) ? ${FROM_LIST} : ${named(TO)} }}`;

// Version 2's recipient field: a resource locator. "From list" stores the collaborator's username
// and keeps their name (cachedResultName) for the subtitle, so the canvas says "to Anna Schmidt";
// "By Username, Email or Name" takes one or more recipients as text, separated by commas.
const recipientLocator: INodeProperties = {
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

// Parameter names are part of the public contract (workflows store them): do not rename.
// Version 1 stores recipients in a multi-select, version 2 in a resource locator.
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
		displayOptions: { show: { '@version': [1] } },
	},
	recipientLocator,
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'e.g. The invoice for row 42 was approved',
		description: 'The plain text shown in the toast, at most 5,000 characters',
		hint: 'Plain text, no HTML or Markdown. Map values of the changed row, e.g. {{ $json.row.Name }} right after the trigger, or {{ $(\'SeaTable Realtime Trigger\').item.json.row.Name }} further down.',
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
