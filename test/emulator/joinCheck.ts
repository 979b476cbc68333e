// Whether a socket may join a base's room, by the 2020 server's rules: any verify failure (expiry,
// bad signature, garbage) → token_expired; a token for another base → permission_denied.
import type { BaseState } from './baseState';
import type { JoinCheck } from './realtime';
import type { TokenAuthority } from './tokens';

export function checkJoin(tokens: TokenAuthority, bases: readonly BaseState[], uuid: unknown, token: unknown): JoinCheck {
	const check = tokens.check(token);
	if (!check.ok) return { ok: false, error_type: 'token_expired', message: 'Token expired' };
	if (typeof uuid !== 'string' || check.claims.dtable_uuid !== uuid) {
		return { ok: false, error_type: 'permission_denied', message: 'Permission denied' };
	}
	const base = bases.find((b) => b.uuid === uuid);
	if (!base) return { ok: false, error_type: 'dtable_not_found', message: 'Dtable not found' };
	return { ok: true, username: check.claims.username, version: base.version };
}
