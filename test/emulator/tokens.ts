// Issues and checks base tokens, and remembers which ones the fault hooks have expired.
import { randomBytes } from 'node:crypto';
import { signJwt, verifyJwt } from './jwt';

export interface BaseTokenClaims {
	exp: number;
	dtable_uuid: string;
	username: string;
	permission: string;
	app_name: string;
}

export type TokenCheck =
	| { ok: true; claims: BaseTokenClaims }
	| { ok: false; reason: 'invalid' | 'expired' };

export class TokenAuthority {
	private readonly secret = randomBytes(32);

	/** Every token issued, with the API tokens it came from ('' for tokens minted by tests). A set, because
	 * identical claims in the same second give a byte-identical token. */
	private readonly issued = new Map<string, Set<string>>();

	private readonly expired = new Set<string>();

	issue(
		claims: Omit<BaseTokenClaims, 'exp'>,
		ttlSeconds: number,
		apiToken = '',
	): string {
		// Key order as in the documented token: exp, dtable_uuid, username, permission, app_name.
		const payload: BaseTokenClaims = {
			exp: Math.floor(Date.now() / 1000) + ttlSeconds,
			dtable_uuid: claims.dtable_uuid,
			username: claims.username,
			permission: claims.permission,
			app_name: claims.app_name,
		};
		const token = signJwt({ ...payload }, this.secret);
		// JWTs are deterministic: a token re-issued within the same second after expireAll() is
		// byte-identical to an expired one, and being freshly issued it must work again.
		this.expired.delete(token);
		const sources = this.issued.get(token) ?? new Set<string>();
		sources.add(apiToken);
		this.issued.set(token, sources);
		return token;
	}

	check(token: unknown): TokenCheck {
		const payload = verifyJwt(token, this.secret);
		if (!payload || typeof payload.dtable_uuid !== 'string' || typeof payload.exp !== 'number') {
			return { ok: false, reason: 'invalid' };
		}
		if (this.expired.has(token as string) || payload.exp <= Math.floor(Date.now() / 1000)) {
			return { ok: false, reason: 'expired' };
		}
		return { ok: true, claims: payload as unknown as BaseTokenClaims };
	}

	expireAll(): void {
		for (const token of this.issued.keys()) this.expired.add(token);
	}

	expireIssuedFrom(apiToken: string): void {
		for (const [token, sources] of this.issued) if (sources.has(apiToken)) this.expired.add(token);
	}
}
