/**
 * The trigger's short reuse of a credential it has read (nodes/shared/platform.ts): n8n reads,
 * decrypts and resolves a credential on every getCredentials() call outside an execution, which
 * is most of the cost of a request the trigger answers itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import { closeAllPlatforms } from '../../core/platformRegistry';
import { randomEncodingAESKey } from '../../simulator/keys';
import {
	CREDENTIAL_REUSE_MS,
	CREDENTIAL_TYPE,
	forgetCredentialReads,
	freshPlatformFor,
	platformReusedFor,
} from '../../nodes/shared/platform';

const KEY = randomEncodingAESKey();
let userFolder: string;

beforeAll(() => {
	userFolder = mkdtempSync(join(tmpdir(), 'wechat-reuse-'));
	process.env.N8N_USER_FOLDER = userFolder;
});
afterEach(() => forgetCredentialReads());
afterAll(async () => {
	await closeAllPlatforms();
	rmSync(userFolder, { recursive: true, force: true });
});

/** A node context whose credential can change, counting how often it is read. */
function reader(credentialId: string | undefined, token = 'token-1') {
	const state = {
		reads: 0,
		credentials: {
			componentAppId: 'wx1234567890abcdef',
			componentAppSecret: 'secret',
			token,
			encodingAESKey: KEY,
			apiBaseUrl: 'http://127.0.0.1:9',
			store: 'file',
		} as ICredentialDataDecryptedObject,
	};
	const node = {
		credentials:
			credentialId === undefined ? {} : { [CREDENTIAL_TYPE]: { id: credentialId, name: 'WeChat' } },
	} as unknown as INode;
	const context = {
		getNode: () => node,
		getCredentials: async () => {
			state.reads++;
			return { ...state.credentials };
		},
	};
	return { state, context };
}

const clock = (start = 1_000_000) => {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
};

test('a credential read is reused for CREDENTIAL_REUSE_MS, then read again', async () => {
	const { state, context } = reader('cred-1');
	const c = clock();
	const first = await platformReusedFor(context, { now: c.now });
	expect(first.reused).toBe(false);
	c.advance(CREDENTIAL_REUSE_MS - 1);
	const second = await platformReusedFor(context, { now: c.now });
	expect(second).toEqual({ platform: first.platform, reused: true });
	expect(state.reads).toBe(1);

	c.advance(1);
	const third = await platformReusedFor(context, { now: c.now });
	expect(third.reused).toBe(false);
	expect(state.reads).toBe(2);
});

test('a changed credential takes effect at the next read, with its own platform', async () => {
	const { state, context } = reader('cred-2');
	const c = clock();
	const before = (await platformReusedFor(context, { now: c.now })).platform;
	state.credentials.token = 'token-2';
	// Within the reuse time the read of a moment ago still answers...
	expect((await platformReusedFor(context, { now: c.now })).platform).toBe(before);
	// ...and a fresh read (what the trigger does when a push fails to verify) sees the change.
	const after = await freshPlatformFor(context, { now: c.now });
	expect(after).not.toBe(before);
	expect(after.crypto.signature('1', '2', 'x')).not.toBe(before.crypto.signature('1', '2', 'x'));
	expect((await platformReusedFor(context, { now: c.now })).platform).toBe(after);
});

test('a clock that went back counts as expired', async () => {
	const { state, context } = reader('cred-3');
	const c = clock();
	await platformReusedFor(context, { now: c.now });
	c.advance(-1);
	expect((await platformReusedFor(context, { now: c.now })).reused).toBe(false);
	expect(state.reads).toBe(2);
});

test('without a credential id every call reads', async () => {
	const { state, context } = reader(undefined);
	await platformReusedFor(context);
	await platformReusedFor(context);
	expect(state.reads).toBe(2);
});

test('reads are kept per credential id', async () => {
	const a = reader('cred-a', 'token-a');
	const b = reader('cred-b', 'token-b');
	const pa = (await platformReusedFor(a.context)).platform;
	const pb = (await platformReusedFor(b.context)).platform;
	expect(pa).not.toBe(pb);
	expect((await platformReusedFor(a.context)).platform).toBe(pa);
	expect((await platformReusedFor(b.context)).platform).toBe(pb);
	expect([a.state.reads, b.state.reads]).toEqual([1, 1]);
});
