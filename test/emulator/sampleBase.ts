// A small but realistic base: a Tasks table linked to a Projects table, three collaborators.
import type { BaseSeed } from './types';

export const SAMPLE_IDS = {
	uuid: '3f8c2a71-5d4e-4b9a-8e1f-2c6d7a9b0e14',
	apiToken: '4e1b9c0d7a2f8e3b6c5d4a1f0e9b8c7d6a5f4e3b',
	tasks: '0000',
	projects: 'Pr7k',
	taskRows: ['Tq3Jm9XcS0uYwV2bK8rLpA', 'Hb5nR1eZQ7ad4FgW0sTyUg', 'Zk2Lx8PvD3mNc6QeJ1oHiw'],
	projectRows: ['Pa9sD2fGH4jK6lZ8xC0vBw', 'Mn1bV3cX5zQ7wE9rT2yUiO'],
	linkId: 'Lk4q',
	statusOptions: { open: '381992', inProgress: '830278', done: '527413' },
	tagOptions: { bug: '104233', feature: '662017', docs: '918550' },
} as const;

const USERS = {
	anna: '8d3f2a1b9c4e47f0a6b5d8e7c1f2a3b4@auth.local',
	ben: '2c7e9f1a4b6d48e3905f1a2b3c4d5e6f@auth.local',
	chiara: 'f4a1b2c3d4e5467890abcdef12345678@auth.local',
};

export function sampleBase(): BaseSeed {
	const ids = SAMPLE_IDS;
	return {
		uuid: ids.uuid,
		name: 'Project Tracker',
		apiToken: ids.apiToken,
		appName: 'n8n',
		workspaceId: 42,
		collaborators: [
			{ email: USERS.anna, name: 'Anna Schmidt', contact_email: 'anna.schmidt@example.com' },
			{ email: USERS.ben, name: 'Ben Carter', contact_email: 'ben.carter@example.org' },
			{ email: USERS.chiara, name: 'Chiara Rossi', contact_email: 'chiara.rossi@example.net' },
		],
		tables: [
			{
				_id: ids.tasks,
				name: 'Tasks',
				columns: [
					{ key: '0000', name: 'Name', type: 'text', data: null },
					{
						key: 'St4t',
						name: 'Status',
						type: 'single-select',
						data: {
							options: [
								{ id: ids.statusOptions.open, name: 'Open', color: '#FBD44A', textColor: '#202428' },
								{ id: ids.statusOptions.inProgress, name: 'In progress', color: '#59CB74', textColor: '#FFFFFF' },
								{ id: ids.statusOptions.done, name: 'Done', color: '#9860E5', textColor: '#FFFFFF' },
							],
						},
					},
					{
						key: 'Tg9s',
						name: 'Tags',
						type: 'multiple-select',
						data: {
							options: [
								{ id: ids.tagOptions.bug, name: 'Bug', color: '#F4667C', textColor: '#FFFFFF' },
								{ id: ids.tagOptions.feature, name: 'Feature', color: '#46A1FD', textColor: '#FFFFFF' },
								{ id: ids.tagOptions.docs, name: 'Docs', color: '#DCFFFE', textColor: '#202428' },
							],
						},
					},
					{ key: 'As5g', name: 'Assignee', type: 'collaborator', data: null },
					{ key: 'Du3e', name: 'Due', type: 'date', data: { format: 'YYYY-MM-DD' } },
					{ key: 'Dn0e', name: 'Done', type: 'checkbox', data: null },
					{ key: 'Pj1c', name: 'Project', type: 'link', data: { link_id: ids.linkId, table_id: ids.tasks, other_table_id: ids.projects } },
				],
				views: [
					{ _id: '0000', name: 'Default View' },
					{ _id: 'Op3n', name: 'Open tasks' },
				],
				rows: [
					{
						_id: ids.taskRows[0],
						'0000': 'Write release notes',
						St4t: ids.statusOptions.open,
						Tg9s: [ids.tagOptions.docs],
						As5g: [USERS.anna],
						Du3e: '2025-11-20',
						Dn0e: false,
						Pj1c: [ids.projectRows[0]],
					},
					{
						_id: ids.taskRows[1],
						'0000': 'Fix login redirect',
						St4t: ids.statusOptions.inProgress,
						Tg9s: [ids.tagOptions.bug],
						As5g: [USERS.ben],
						Du3e: '2025-11-18',
						Dn0e: false,
						Pj1c: [ids.projectRows[0]],
					},
					{
						_id: ids.taskRows[2],
						'0000': 'Onboard new customer',
						St4t: ids.statusOptions.done,
						Tg9s: [ids.tagOptions.feature],
						As5g: [USERS.chiara],
						Du3e: '2025-11-02',
						Dn0e: true,
						Pj1c: [ids.projectRows[1]],
					},
				],
			},
			{
				_id: ids.projects,
				name: 'Projects',
				columns: [
					{ key: '0000', name: 'Name', type: 'text', data: null },
					{ key: 'Ow9r', name: 'Owner', type: 'collaborator', data: null },
					{ key: 'Tk2s', name: 'Tasks', type: 'link', data: { link_id: ids.linkId, table_id: ids.projects, other_table_id: ids.tasks } },
				],
				views: [{ _id: '0000', name: 'Default View' }],
				rows: [
					{ _id: ids.projectRows[0], '0000': 'Website relaunch', Ow9r: [USERS.anna] },
					{ _id: ids.projectRows[1], '0000': 'Customer onboarding', Ow9r: [USERS.chiara] },
				],
			},
		],
	};
}
