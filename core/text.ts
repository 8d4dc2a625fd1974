/**
 * A value as text, the one rule for reading a string out of a node parameter, an item or a WeChat
 * response: strings as they are, finite numbers in decimal (WeChat and expressions give some ids
 * as numbers), anything else ''. Callers trim or treat '' as absent where they need to.
 */
export function text(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}
