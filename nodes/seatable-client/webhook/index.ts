// Webhook delivery: what is sent (request), with the webhook's retry rule over the one transport
// (deliver), and how it can fail (errors).
export { deliverWebhook, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS, MAX_RETRIES, type WebhookDelivery, type WebhookResult } from './deliver';
export { WebhookError, type WebhookErrorKind } from './errors';
export { encodeBody, IDEMPOTENCY_HEADER, parseWebhookUrl, SIGNATURE_HEADER, signBody, WEBHOOK_USER_AGENT } from './request';
/** Shim for the older name; every call now shares the one pool of transport/. */
export { destroyIdleConnections as destroyWebhookAgents } from '../transport';
