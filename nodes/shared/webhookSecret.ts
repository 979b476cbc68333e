// The optional credential that holds a webhook signing secret (shared by the webhook trigger, which
// verifies, and the webhook node, which signs).
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
	IWebhookFunctions,
} from 'n8n-workflow';

export const SECRET_CREDENTIAL_TYPE = 'seaTableWebhookSecretApi';

/** The secret of the selected credential; undefined when the node has none selected. */
export async function readWebhookSecret(
	context: IExecuteFunctions | IWebhookFunctions,
	itemIndex?: number,
): Promise<string | undefined> {
	if (!context.getNode().credentials?.[SECRET_CREDENTIAL_TYPE]) return undefined;
	const credentials =
		itemIndex === undefined
			? await context.getCredentials(SECRET_CREDENTIAL_TYPE)
			: await (context as IExecuteFunctions).getCredentials(SECRET_CREDENTIAL_TYPE, itemIndex);
	return typeof credentials.secret === 'string' && credentials.secret !== '' ? credentials.secret : undefined;
}

// n8n 2.41 takes tens of milliseconds to hand a webhook its credential (measured: ~80 ms under load,
// against ~10 ms for the whole request without one), and the secret is needed before the answer. So
// the trigger keeps it briefly, per credential id; a changed secret applies within SECRET_TTL_MS.
const SECRET_TTL_MS = 10_000;
const MAX_CACHED = 100;
const cachedSecrets = new Map<string, { secret: string | undefined; until: number }>();

/** The webhook trigger's secret, read at most every SECRET_TTL_MS per credential. */
export async function readWebhookSecretCached(context: IWebhookFunctions, now = Date.now()): Promise<string | undefined> {
	const id = context.getNode().credentials?.[SECRET_CREDENTIAL_TYPE]?.id;
	if (!id) return await readWebhookSecret(context);
	const cached = cachedSecrets.get(id);
	if (cached !== undefined && now < cached.until) return cached.secret;
	const secret = await readWebhookSecret(context);
	cachedSecrets.delete(id);
	if (cachedSecrets.size >= MAX_CACHED) cachedSecrets.delete(cachedSecrets.keys().next().value as string);
	cachedSecrets.set(id, { secret, until: now + SECRET_TTL_MS });
	return secret;
}

/** For tests: forget the cached secrets. */
export function clearCachedSecrets(): void {
	cachedSecrets.clear();
}

/**
 * "Test credential": there is no server to ask, so it checks what would make every signature
 * fail. The secret itself is never part of the message.
 */
export async function seaTableWebhookSecretTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const secret = credential.data?.secret;
	if (typeof secret !== 'string' || secret === '') {
		return { status: 'Error', message: 'The secret is empty. Copy the secret of the SeaTable webhook into it.' };
	}
	if (secret.trim() !== secret) {
		return {
			status: 'Error',
			message:
				'The secret starts or ends with a space, most likely from copying. The signature covers every character: copy the secret again exactly.',
		};
	}
	return { status: 'OK', message: 'The secret is set' };
}
