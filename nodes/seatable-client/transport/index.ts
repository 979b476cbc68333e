// All HTTP of the core: one agent pool, one bounded exchange, one failure classifier, one retry
// policy with a rule per kind of call, one proxy rule (the environment's, see send.ts).
export { destroyIdleConnections } from './agents';
export { formatBytes } from './exchange';
export { isTlsCode, isTransient, type Failure, type NetworkFailure } from './failure';
export { DEFAULT_BACKOFF, type BackoffOptions, type RetryRule } from './retry';
export { exchange, type Answer } from './send';
