// The realtime connection to a base (socket.io), split like socket.io-client: the connection and
// its events, the join protocol, and the recovery the Manager leaves to us.
export { RealtimeConnection } from './connection';
export type { ConnectionState, JoinedInfo, RealtimeEvents, RealtimeListener, RealtimeOptions } from './types';
