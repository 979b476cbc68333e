// The environment a test n8n runs with: its own folder and ports on 127.0.0.1, SQLite, no calls
// home, and nothing inherited from an outer n8n, jest or npm.
import { cleanNpmEnv } from './command';

export interface EnvironmentOf {
	version: string;
	userFolder: string;
	port: number;
	brokerPort: number;
	/** Applied last, so it can override the defaults. */
	extraEnv: NodeJS.ProcessEnv;
}

export function n8nEnvironment(n8n: EnvironmentOf): NodeJS.ProcessEnv {
	const env = cleanNpmEnv();
	// Settings of an outer n8n, jest or a loader must not leak into this one.
	for (const key of Object.keys(env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|JEST_|NODE_OPTIONS$|NODE_PATH$)/.test(key)) delete env[key];
	}
	return {
		...env,
		// jest sets NODE_ENV=test, and n8n then refuses to load nodes ("Not available in tests").
		NODE_ENV: 'production',
		N8N_USER_FOLDER: n8n.userFolder,
		N8N_PORT: String(n8n.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_PORT: String(n8n.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// Default (and deprecated as a setting) in 2.x; 1.x would warn without it.
		...(n8n.version.startsWith('1.') ? { N8N_RUNNERS_ENABLED: 'true' } : {}),
		N8N_SECURE_COOKIE: 'false',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		GENERIC_TIMEZONE: 'UTC',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// No calls home: this machine has no network beyond the package registries anyway.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_PUBLIC_API_DISABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// Insights only add background writes (and shutdown noise after a workflow was deleted); 2.41's
		// MCP registry fetches a server list from the internet every few minutes. n8n refuses module
		// names it does not know, so the list depends on the version.
		N8N_DISABLED_MODULES: n8n.version.startsWith('2.') && Number(n8n.version.split('.')[1]) >= 40 ? 'insights,mcp-registry' : 'insights',
		...n8n.extraEnv,
	};
}
