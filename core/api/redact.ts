/**
 * Names of query/body fields whose values are secrets. Anything that leaves the core (error
 * messages, endpoints in errors, logs) goes through these helpers first.
 */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
	'access_token',
	'component_access_token',
	'authorizer_access_token',
	'component_appsecret',
	'component_secret',
	'appsecret',
	'secret',
	'refresh_token',
	'authorizer_refresh_token',
	'component_verify_ticket',
	'code',
	'js_code',
	'authorization_code',
	'pre_auth_code',
	'session_key',
]);

export const REDACTED = '***';

export type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue>;

/** `path?a=1&access_token=***`: the form an endpoint takes in errors and logs. */
export function redactEndpoint(path: string, query?: Query): string {
	const [bare, inline] = splitPath(path);
	const params = new URLSearchParams(inline);
	for (const [name, value] of Object.entries(query ?? {})) {
		if (value !== undefined) params.append(name, String(value));
	}
	const parts: string[] = [];
	for (const [name, value] of params) {
		parts.push(`${name}=${SECRET_FIELDS.has(name) ? REDACTED : encodeURIComponent(value)}`);
	}
	return parts.length ? `${bare}?${parts.join('&')}` : bare;
}

function splitPath(path: string): [string, string] {
	const at = path.indexOf('?');
	return at < 0 ? [path, ''] : [path.slice(0, at), path.slice(at + 1)];
}

/**
 * Collects the secret values a request carries (query, inline query, JSON body), so that text
 * we did not write ourselves (errmsg, low-level error messages) can be scrubbed of them.
 */
export function secretValues(path: string, query?: Query, body?: unknown): string[] {
	const found = new Set<string>();
	const consider = (name: string, value: unknown) => {
		if (SECRET_FIELDS.has(name) && (typeof value === 'string' || typeof value === 'number')) {
			const text = String(value);
			if (text.length >= 4) found.add(text);
		}
	};
	for (const [name, value] of new URLSearchParams(splitPath(path)[1])) consider(name, value);
	for (const [name, value] of Object.entries(query ?? {})) consider(name, value);
	walk(body, consider, 0);
	return [...found];
}

function walk(value: unknown, visit: (name: string, value: unknown) => void, depth: number): void {
	if (depth > 4 || value === null || typeof value !== 'object') return;
	if (Array.isArray(value)) {
		for (const item of value) walk(item, visit, depth + 1);
		return;
	}
	if (typeof FormData !== 'undefined' && value instanceof FormData) return;
	for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
		visit(name, inner);
		walk(inner, visit, depth + 1);
	}
}

/** Replaces every occurrence of the given secret values in `text`. */
export function scrub(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret) out = out.split(secret).join(REDACTED);
	}
	return out;
}

/** Keys WeChat uses for tokens (`access_token`, `authorizer_refresh_token`, `session_key`, …). */
const TOKEN_KEY = /(^|_)(access_token|refresh_token)$|^session_key$/i;

/**
 * A deep copy of a WeChat response without any token, for whatever leaves the core as data
 * (items are stored with every execution; only the Token operations may put a token there,
 * because the user asked for exactly that).
 */
export function withoutTokens<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => withoutTokens(entry) as unknown) as T;
	if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		if (TOKEN_KEY.test(key)) continue;
		out[key] = withoutTokens(entry);
	}
	return out as T;
}
