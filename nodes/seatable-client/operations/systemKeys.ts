// Row keys SeaTable maintains itself; they are not user columns and keep their names as is.
export const SYSTEM_ROW_KEYS: ReadonlySet<string> = new Set([
	'_id',
	'_creator',
	'_last_modifier',
	'_ctime',
	'_mtime',
	'_participants',
]);

export function isSystemRowKey(key: string): boolean {
	// Every system key starts with '_', so most user keys are rejected without a set lookup.
	return key.charCodeAt(0) === 95 && SYSTEM_ROW_KEYS.has(key);
}
