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
