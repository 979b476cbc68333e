// The n8n versions the queue-mode suite runs on, oldest first. SEATABLE_QUEUE_N8N_VERSIONS
// (comma-separated) picks others, e.g. one version while working on the suite.
export const QUEUE_N8N_VERSIONS = ['2.8.4'];

export function queueVersions(): string[] {
	const chosen = process.env.SEATABLE_QUEUE_N8N_VERSIONS;
	return chosen ? chosen.split(',').map((version) => version.trim()).filter(Boolean) : QUEUE_N8N_VERSIONS;
}
