// Drives a real n8n (installed by ./install.ts) for end-to-end tests and the demo: a throwaway user
// folder, our package installed the way n8n's community-package installer does it, owner and
// public-API key set up through n8n's REST API, and helpers over the public API (/api/v1).
//
//   const n8n = await N8nInstance.create();
//   await n8n.installPackage(repoDir); // after `npm run build`
//   await n8n.start();
//   await n8n.setupOwner();
//   await n8n.createApiKey();
//   …
//   await n8n.stop();
//
// N8nInstance is built in layers, one file each: the process (./process.ts), the HTTP client with
// login and API key (./client.ts), then credentials, workflows and executions over it.
import { querySqlite } from './database';
import { N8nExecutions } from './executions';
import { installPackageIntoUserFolder, REPO_DIR } from './package';
import { getFreePort } from './ports';
import type { StartOptions } from './process';

export { DEFAULT_OWNER, HttpError, type Owner } from './client';
export { CREDENTIAL_TYPE, type CredentialTestResult } from './credentials';
export type { Execution } from './executions';
export { assertBuilt, expectedTypes, installPackageIntoUserFolder, REPO_DIR } from './package';
export { firstFreePort, getFreePort } from './ports';
export type { StartOptions } from './process';
export { isAlive, processTree } from './processTree';
export { PublicationError, type PublicationStatus, type Workflow, type WorkflowInput } from './workflows';

export class N8nInstance extends N8nExecutions {
	/** A stopped instance with its user folder and ports chosen: install packages into it, then start(). */
	static async create(options: StartOptions = {}): Promise<N8nInstance> {
		const port = options.port ?? (await getFreePort());
		let brokerPort = await getFreePort();
		while (brokerPort === port) brokerPort = await getFreePort();
		return new N8nInstance({ ...options, port, brokerPort });
	}

	/** create(), install options.packages, start(). */
	static async start(options: StartOptions = {}): Promise<N8nInstance> {
		const instance = await N8nInstance.create(options);
		for (const repoDir of options.packages ?? []) await instance.installPackage(repoDir);
		await instance.start();
		return instance;
	}

	/** Packs the built repo and installs it into this user folder, like n8n's community installer. Call while stopped. */
	async installPackage(repoDir = REPO_DIR): Promise<void> {
		if (this.isRunning) throw new Error('installPackage() needs a stopped n8n: n8n loads packages at start');
		await installPackageIntoUserFolder(repoDir, this.userFolder, this.log);
	}

	/**
	 * Runs SQL against the instance's SQLite database, returning the rows. For counting what n8n
	 * stored, including crashed executions.
	 */
	async sqlite<T = Record<string, unknown>>(sql: string): Promise<T[]> {
		return querySqlite<T>(this.n8nDir, this.userFolder, sql);
	}
}
