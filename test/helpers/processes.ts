import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { stopProcess } from './redis';

export interface TsChild {
	pid: number;
	process: ChildProcess;
	/** Sends a command and resolves with the child's answer to it. */
	request<T = unknown>(message: Record<string, unknown>, timeoutMs?: number): Promise<T>;
	/** Resolves when the child has exited (with its signal, if any). */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	stop(): Promise<void>;
}

/**
 * Forks `node <script.ts>` with IPC. The child answers `{ id, ok?, error? }` for every
 * `{ id, ... }` it gets (see tokenChild.ts) and sends `{ ready: true }` once it is set up.
 */
export async function forkTs(script: string, env: Record<string, string>): Promise<TsChild> {
	const child = fork(script, [], {
		execArgv: ['-r', join(__dirname, 'tsRegister.js')],
		env: { ...process.env, ...env },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	let next = 0;
	const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	child.on('message', (raw) => {
		const message = raw as { id?: number; ok?: unknown; error?: string };
		if (message.id === undefined) return;
		const pending = waiting.get(message.id);
		if (!pending) return;
		waiting.delete(message.id);
		if (message.error !== undefined) pending.reject(new Error(message.error));
		else pending.resolve(message.ok);
	});
	void exited.then(({ code, signal }) => {
		for (const pending of waiting.values())
			pending.reject(new Error(`child exited (${code ?? signal})`));
		waiting.clear();
	});
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('child did not start in 60 s')), 60_000);
		child.on('message', (m) => {
			if ((m as { ready?: boolean }).ready) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`child exited during start (${code})`));
		});
	});
	return {
		pid: child.pid as number,
		process: child,
		exited,
		request: <T>(message: Record<string, unknown>, timeoutMs = 30_000) =>
			new Promise<T>((resolve, reject) => {
				const id = ++next;
				const timer = setTimeout(() => {
					waiting.delete(id);
					reject(new Error(`child did not answer ${JSON.stringify(message)} in ${timeoutMs} ms`));
				}, timeoutMs);
				waiting.set(id, {
					resolve: (v) => {
						clearTimeout(timer);
						resolve(v as T);
					},
					reject: (e) => {
						clearTimeout(timer);
						reject(e);
					},
				});
				child.send({ ...message, id });
			}),
		stop: () => stopProcess(child),
	};
}
