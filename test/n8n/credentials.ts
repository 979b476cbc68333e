// Credentials in a test n8n: created through the public API (with the fields n8n's schema demands
// of the version at hand), listed, deleted, and tested the way the editor's "Test" button does.
import { N8nClient } from './client';

export const CREDENTIAL_TYPE = 'seaTableRealtimeApi';

export interface CredentialTestResult {
	status: 'OK' | 'Error' | string;
	message: string;
}

export class N8nCredentials extends N8nClient {
	async createCredential(
		data: { serverUrl: string; apiToken: string; ignoreSslIssues?: boolean } | Record<string, unknown>,
		options: { name?: string; type?: string } = {},
	): Promise<{ id: string; name: string; type: string }> {
		const type = options.type ?? CREDENTIAL_TYPE;
		const body = { ...(type === CREDENTIAL_TYPE ? { ignoreSslIssues: false } : {}), ...data };
		// n8n 2.x adds a domain restriction to credentials that authenticate requests, and its schema
		// then demands `allowedDomains` unless `allowedHttpRequestDomains` is given; the editor sends 'all'.
		const schema = await this.credentialSchema(type);
		if ('allowedHttpRequestDomains' in (schema.properties ?? {}) && !('allowedHttpRequestDomains' in body)) {
			Object.assign(body, { allowedHttpRequestDomains: 'all' });
		}
		return this.api('POST', '/credentials', { name: options.name ?? `SeaTable e2e ${Date.now()}`, type, data: body });
	}

	/** Stored credentials without their secrets (REST: the public API only lists them from n8n 2.x on). */
	async listCredentials(): Promise<Array<{ id: string; name: string; type: string }>> {
		return this.rest('GET', '/credentials');
	}

	async deleteCredential(id: string): Promise<void> {
		await this.api('DELETE', `/credentials/${id}`);
	}

	/** The JSON schema n8n derives from a credential type's properties (404 for a type n8n does not know). */
	async credentialSchema(type = CREDENTIAL_TYPE): Promise<{ properties: Record<string, unknown>; required?: string[] }> {
		return this.api('GET', `/credentials/schema/${type}`);
	}

	/**
	 * Runs n8n's credential test (the editor's "Test" button). n8n 2.x only tests stored credentials,
	 * so without `credentialId` a temporary credential is created and deleted again.
	 */
	async testCredential(
		data: Record<string, unknown>,
		options: { type?: string; credentialId?: string } = {},
	): Promise<CredentialTestResult> {
		const type = options.type ?? CREDENTIAL_TYPE;
		const name = `credential test ${Date.now()}`;
		let id = options.credentialId;
		const temporary = !id;
		if (!id) id = (await this.rest<{ id: string }>('POST', '/credentials', { name, type, data })).id;
		try {
			return await this.rest<CredentialTestResult>('POST', '/credentials/test', {
				credentials: { id, name, type, data },
			});
		} finally {
			if (temporary) await this.rest('DELETE', `/credentials/${id}`).catch(() => undefined);
		}
	}
}
