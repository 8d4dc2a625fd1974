import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
	url: string;
	port: number;
	pid: number;
	stop(): Promise<void>;
}

/**
 * Installs Debian's redis-server when it is missing (as root, else through sudo). Used by the Redis
 * integration tests and, compiled into build/tools, by the end-to-end harness (queue mode).
 */
export function ensureRedisServer(): void {
	const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
	if (!probe.error) return;
	console.log('redis-server not found: installing it with apt-get (once)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
	for (const args of [
		['apt-get', 'update'],
		['apt-get', 'install', '-y', 'redis-server'],
	]) {
		const [command, ...rest] = [...sudo, ...args];
		execFileSync(command, rest, { stdio: 'inherit', env, timeout: 300_000 });
	}
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * A throwaway Redis on a free loopback port, no persistence, in a temp folder; stopped by PID.
 * Resolves once the server logs that it accepts connections.
 */
export async function startRedis(
	options: {
		/** Reuse a port (a restart of the same server). */
		port?: number;
		/** Data folder kept by the caller (then stop() leaves it in place). */
		dir?: string;
		/** Append-only file persistence, so that a restart keeps the keys. */
		persistent?: boolean;
		/** Require AUTH with this password (`url` then carries it). */
		password?: string;
	} = {},
): Promise<RedisServer> {
	ensureRedisServer();
	const dir = options.dir ?? (await fs.mkdtemp(join(tmpdir(), 'wx-redis-')));
	for (let attempt = 0; ; attempt++) {
		const port = options.port ?? (await freePort());
		const child = spawn(
			'redis-server',
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				options.persistent ? 'yes' : 'no',
				...(options.persistent ? ['--appendfsync', 'always'] : []),
				'--dir',
				dir,
				'--daemonize',
				'no',
				...(options.password ? ['--requirepass', options.password] : []),
			],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		);
		try {
			await readyOrExit(child, 15_000);
		} catch (error) {
			// the port was taken in between: try another one (a fixed port may still be closing)
			if (attempt < 2) continue;
			if (!options.dir) await fs.rm(dir, { recursive: true, force: true });
			return Promise.reject(error);
		}
		const pid = child.pid as number;
		return {
			url: `redis://${options.password ? `:${encodeURIComponent(options.password)}@` : ''}127.0.0.1:${port}`,
			port,
			pid,
			stop: async () => {
				await stopProcess(child);
				if (!options.dir) await fs.rm(dir, { recursive: true, force: true });
			},
		};
	}
}

function readyOrExit(child: ChildProcess, timeoutMs: number): Promise<void> {
	return new Promise((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`redis-server did not become ready in ${timeoutMs} ms:\n${output}`));
		}, timeoutMs);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Ready to accept connections')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`redis-server exited (${code}):\n${output}`));
		});
	});
}

/** SIGTERM by PID, SIGKILL if it is still there after 5 s; resolves when it has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	process.kill(child.pid as number, 'SIGTERM');
	const timer = setTimeout(() => {
		if (child.exitCode === null && child.signalCode === null)
			process.kill(child.pid as number, 'SIGKILL');
	}, 5000);
	await exited;
	clearTimeout(timer);
}
