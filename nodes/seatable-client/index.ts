// The SeaTable client core: no n8n imports, so a CLI or another automation tool could reuse it.
export * from './errors';
export * from './types';
export { SeaTableClient, type SeaTableClientOptions } from './client';
export { acquireSeaTableClient, CLIENT_IDLE_MS, getSeaTableClient, releaseIdleClients, sharedClientCount, type ClientLease } from './clientRegistry';
export { checkToastMessage, MAX_TOAST_MESSAGE_LENGTH } from './answers';
export { BaseTokenProvider, type BaseAccess } from './baseAccess';
export { HttpTransport, type HttpOptions } from './http';
export { destroyIdleConnections } from './transport';
export { baseResourceUrl, socketTarget, type SocketTarget } from './routes';
export { normalizeServerUrl } from './serverUrl';
export { jwtExpiry } from './jwt';
// Listening to a base: one session per base, one subscription per listener.
export { subscribe, type ChangeSubscriptionOptions, type NotificationSubscriptionOptions, type SubscribeOptions, type Subscription } from './session/subscription';
export { openSessionCount, sessionBaseUuid } from './session/baseSession';
export type { VersionStore } from './events/versions';
