// Shim: the one toNodeError, withoutSecret and errorItemJson live in nodes/shared/errors.ts.
export { errorItemJson, toNodeError, withoutSecret } from '../shared/errors';
