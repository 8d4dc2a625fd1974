import { StoreConfigError } from './errors';

/** What ioredis gets instead of the URL string, so that it never parses (or prints) the URL itself. */
export interface RedisTarget {
	host: string;
	port: number;
	db: number;
	username?: string;
	password?: string;
	tls: boolean;
	/** `host:port/db`, safe to show: no user name, no password. */
	label: string;
}

const HINT =
	'write the Redis URL as redis://[:password@]host:port[/db] (or rediss:// for TLS); a password with special characters must be percent-encoded';

/**
 * Validates a Redis URL before anything connects. ioredis takes a string without a scheme as a
 * Unix socket path (so `redis//:pass@host` is retried and logged forever, password included) and
 * Node prints the whole URL when the port is not a number, then falls back to 127.0.0.1:6379, a
 * different server. Errors name the part that is wrong and never repeat the URL.
 */
export function parseRedisUrl(url: string): RedisTarget {
	const trimmed = url.trim();
	const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
	if (scheme !== 'redis' && scheme !== 'rediss') {
		throw new StoreConfigError('The Redis URL must start with redis:// or rediss://', HINT);
	}
	// The authority is checked by hand first: WHATWG URL rejects a bad port with an error whose
	// `input` field is the whole URL.
	const rest = trimmed.slice(scheme.length + 3);
	const authority = rest.split(/[/?#]/, 1)[0];
	const at = authority.lastIndexOf('@');
	const hostPort = at === -1 ? authority : authority.slice(at + 1);
	const portText = /^(?:\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostPort)?.[1];
	if (portText !== undefined && portText !== '' && !/^\d{1,5}$/.test(portText)) {
		throw new StoreConfigError('The Redis URL has a port that is not a number', HINT);
	}
	if (portText && (Number(portText) < 1 || Number(portText) > 65535)) {
		throw new StoreConfigError('The Redis URL has a port outside 1–65535', HINT);
	}
	let parsed: URL;
	try {
		parsed = new URL(trimmed);
	} catch {
		throw new StoreConfigError('The Redis URL is malformed', HINT);
	}
	const host = parsed.hostname.replace(/^\[|\]$/g, '');
	if (!host) throw new StoreConfigError('The Redis URL has no host name', HINT);
	const port = parsed.port === '' ? 6379 : Number(parsed.port);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		throw new StoreConfigError('The Redis URL has a port outside 1–65535', HINT);
	}
	const path = parsed.pathname.replace(/^\/+/, '');
	if (path !== '' && !/^\d{1,5}$/.test(path)) {
		throw new StoreConfigError('The Redis URL has a database that is not a number', HINT);
	}
	const db = path === '' ? 0 : Number(path);
	let username: string | undefined;
	let password: string | undefined;
	try {
		username = parsed.username ? decodeURIComponent(parsed.username) : undefined;
		password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
	} catch {
		throw new StoreConfigError(
			'The Redis URL has a user name or password that is not valid percent-encoding',
			HINT,
		);
	}
	return {
		host,
		port,
		db,
		username,
		password,
		tls: scheme === 'rediss',
		label: `${parsed.hostname}:${port}/${db}`,
	};
}
