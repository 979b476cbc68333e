// One request in, the answer and the items out: content type, size, signature, JSON, event,
// filters, dedupe. Synchronous and without I/O, so the answer can go out at once.
import { automationItem } from './automation';
import { baseWebhookItem } from './baseWebhook';
import { envelopeProblem, parseJsonObject } from './body';
import { firstDelivery } from './dedupe';
import { checkSignature } from './signature';
import type { IncomingWebhook, ReceiveResult, ReceiveSettings } from './types';

/** The answer's hint for every signature problem; the receiving side may add where its secret is set. */
export const SIGNATURE_HINT = 'Set the same secret in SeaTable (base webhook settings or the automation script) and at the receiver';

export function receiveWebhook(request: IncomingWebhook, settings: ReceiveSettings, receivedAt = new Date().toISOString()): ReceiveResult {
	const problem = envelopeProblem(request.contentType, request.rawBody, settings.maxBodyBytes);
	if (problem) return { status: 400, answer: problem };
	const rawBody = request.rawBody as Buffer;

	if (settings.secret) {
		const check = checkSignature(rawBody, request.signature, settings.secret);
		if (check === 'invalid') {
			return { status: 401, answer: { error: 'The X-SeaTable-Signature header does not match the body', hint: SIGNATURE_HINT } };
		}
		if (check === 'missing' && !settings.allowUnsigned) {
			return { status: 401, answer: { error: 'The X-SeaTable-Signature header is missing', hint: SIGNATURE_HINT } };
		}
	}

	// Parsed only once the sender is known to hold the secret.
	const read = parseJsonObject(rawBody);
	if (read.problem) return { status: 400, answer: read.problem };
	const result =
		settings.source === 'automation'
			? automationItem(read.body, rawBody, settings, receivedAt)
			: baseWebhookItem(read.body, settings, receivedAt);
	if ('problem' in result && result.problem) return { status: 400, answer: result.problem };
	const item = result.item;
	if (item === undefined) return { status: 200, answer: { received: true, ignored: 'filtered out by the node' }, items: [] };
	if (settings.dedupe && !firstDelivery(settings.dedupe.scope, item.eventId, settings.dedupe.windowMs)) {
		return { status: 200, answer: { received: true, duplicate: true }, items: [] };
	}
	return { status: 200, answer: { received: true }, items: [item] };
}
