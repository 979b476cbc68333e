// Receiving SeaTable's pushes: base webhooks and automation POSTs, verified, readable, filtered.
export { receiveWebhook, SIGNATURE_HINT } from './receive';
export { addAutomationRow } from './rowLookup';
export { checkSignature, type SignatureCheck } from './signature';
export { clearDeliveries, firstDelivery, rememberedDeliveries } from './dedupe';
export { DEFAULT_MAX_BODY_BYTES } from './body';
export type { IncomingWebhook, ReceiveResult, ReceiveSettings, WebhookAnswer, WebhookItem, WebhookLink, WebhookSource } from './types';
