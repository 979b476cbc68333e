// The n8n versions the queue-mode suite runs on: the same as the end-to-end suite's.
// SEATABLE_QUEUE_N8N_VERSIONS (comma-separated) picks others, e.g. one version while working on it.
import { E2E_N8N_VERSIONS } from '../n8n/install';

export function queueVersions(): string[] {
	const chosen = process.env.SEATABLE_QUEUE_N8N_VERSIONS;
	return chosen ? chosen.split(',').map((version) => version.trim()).filter(Boolean) : [...E2E_N8N_VERSIONS];
}
