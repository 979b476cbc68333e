import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class SeaTableRealtimeApi implements ICredentialType {
	name = 'seaTableRealtimeApi';

	displayName = 'SeaTable Realtime API';

	documentationUrl = 'https://github.com/seatable-realtime/n8n-nodes-seatable-realtime#credentials';

	icon: Icon = { light: 'file:../nodes/icons/seatable.svg', dark: 'file:../nodes/icons/seatable.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: 'https://cloud.seatable.io',
			placeholder: 'https://seatable.example.com',
			description: 'The address of your SeaTable server: SeaTable Cloud or your self-hosted server',
			required: true,
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The API token of one base (40 characters). In SeaTable open the base, then the three dots menu → Advanced → API Token, and add a token with read-write permission.',
			required: true,
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the TLS certificate cannot be verified, for a self-hosted server with its own certificate authority',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Token {{$credentials.apiToken}}',
			},
		},
	};

	// The test tells the cases apart: a wrong token, a server without SeaTable's API, and an
	// unreachable server each get their own message. Error statuses are read as answers, because
	// n8n's credential test shows only a generic text for them.
	test: ICredentialTestRequest = {
		request: {
			// The nodes' normalisation (normalizeServerUrl), in an expression: trimmed, without query,
			// fragment, user and password, without trailing slashes, so the test asks where the nodes will.
			baseURL:
				'={{$credentials.serverUrl.trim().replace(/[?#][\\s\\S]*$/, "").replace(/^([a-z][a-z0-9+.-]*:\\/\\/)[^/@]*@/i, "$1").replace(/\\/+$/, "")}}',
			url: '/api/v2.1/dtable/app-access-token/',
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_msg',
					value: 'Permission denied.',
					message:
						'SeaTable rejected the API token. Use the API token of one base (base menu → Advanced → API Token), not an account token, and check that it was not deleted.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'access_token',
					value: undefined,
					message:
						'The server answered, but not with a SeaTable base token. Check the Server URL: it must be the address you open SeaTable at, for example https://cloud.seatable.io.',
				},
			},
		],
	};
}
