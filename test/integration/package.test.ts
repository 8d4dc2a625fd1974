/**
 * What n8n's community installer gets: the built package as `npm pack` ships it. Builds `dist`,
 * lists the tarball and loads the package main the way a script would.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { vector } from '../helpers/vectors';

const root = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require(join(root, 'package.json')) as {
	main: string;
	n8n: { nodes: string[]; credentials: string[] };
};

let files: string[];

beforeAll(() => {
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
	});
	files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files.map(
		(f) => f.path,
	);
}, 180_000);

it('ships the main, every node and credential n8n loads, their icons and codex files', () => {
	const expected = [
		manifest.main,
		...manifest.n8n.nodes,
		...manifest.n8n.credentials,
		'dist/icons/wechat.svg',
		'dist/icons/wechat.dark.svg',
		'dist/nodes/WeChatOpenPlatform/WeChatOpenPlatform.node.json',
		'dist/nodes/WeChatOpenPlatformTrigger/WeChatOpenPlatformTrigger.node.json',
	];
	expect(files).toEqual(expect.arrayContaining(expected));
});

it('ships nothing but the build, the README, the licence and the manifest', () => {
	const unexpected = files.filter(
		(f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(f),
	);
	expect(unexpected).toEqual([]);
	expect(
		files.filter((f) => /(^|\/)(test|simulator|bench)\//.test(f) || f.endsWith('.map')),
	).toEqual([]);
});

it('exports WeChatCrypto from the package main, working on the official vector', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const main = require(join(root, manifest.main)) as typeof import('../../index');
	const tv1 = vector('TV1-official-component-doc');
	const crypto = new main.WeChatCrypto({
		token: tv1.token,
		encodingAESKey: tv1.encodingAESKey,
		appId: tv1.receiveId,
	});
	const inbound = tv1.inbound!;
	expect(crypto.signature(inbound.timestamp, inbound.nonce, inbound.encrypt)).toBe(
		inbound.msg_signature,
	);
	expect(crypto.decrypt(inbound.encrypt)).toBe(inbound.expected.msg);
	expect(() => crypto.decrypt(inbound.encrypt.slice(0, -4))).toThrow(
		expect.objectContaining({ code: -40007 }),
	);
});
