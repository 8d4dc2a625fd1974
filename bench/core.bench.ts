/**
 * Core pipeline benchmark: our inbound and outbound paths against the same pipelines built from
 * peer libraries, in one process and one run.
 *
 *   inbound:  parse envelope → verify msg_signature → decrypt → check AppID → parse message
 *   outbound: build reply XML → encrypt → sign → envelope
 *
 * Peers: `wechat-crypto` + `xml2js` (what the popular `wechat` middleware does) and `@wecom/crypto`
 * + fast-xml-parser; "raw" is node:crypto AES-256-CBC + SHA-1 alone (no XML, no checks): the floor.
 * Each cell: warm-up, then several timed rounds interleaved across cells; the median is reported.
 *
 * Run: npm run bench:core   (ROUNDS=n and ROUND_MS=n tune it)
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import WXBizMsgCrypt from 'wechat-crypto';
import { parseString } from 'xml2js';
import * as wecom from '@wecom/crypto';

import { WeChatCrypto } from '../core/crypto';
import { parseEnvelope, parseMessage } from '../core/xml';
import { buildEncryptedReply, buildReplyXml } from '../core/reply';
import { randomEncodingAESKey } from '../simulator/keys';

const TOKEN = 'benchtoken';
// A fresh EncodingAESKey per run.
const AES_KEY_TEXT = randomEncodingAESKey();
const APP_ID = 'wx1234567890abcdef';
const TIMESTAMP = '1715943329';
const NONCE = '1590219412';
const OPENID = 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY';
const GH = 'gh_97417a04a28d';

const ROUNDS = Number(process.env.ROUNDS ?? 9);
const ROUND_MS = Number(process.env.ROUND_MS ?? 60);

type Op = () => unknown;

function textMessage(targetBytes: number): { xml: string; content: string } {
	const head =
		`<xml><ToUserName><![CDATA[${GH}]]></ToUserName>\n<FromUserName><![CDATA[${OPENID}]]></FromUserName>\n` +
		`<CreateTime>1715943329</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[`;
	const tail = `]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>`;
	const unit = 'Hello,你好,WeChat!';
	let content = '';
	while (Buffer.byteLength(head + content + unit + tail) <= targetBytes) content += unit;
	return { xml: head + content + tail, content };
}

// ---------- ours ----------
const ours = new WeChatCrypto({ token: TOKEN, encodingAESKey: AES_KEY_TEXT, appId: APP_ID });

function oursInbound(body: string, msgSignature: string): string {
	const { encrypt } = parseEnvelope(body);
	if (!ours.verifySignature(msgSignature, TIMESTAMP, NONCE, encrypt)) throw new Error('signature');
	// decryptDetailed, as the trigger calls it (it reports which key opened the message).
	const message = parseMessage(ours.decryptDetailed(encrypt).message);
	return message.Content as string;
}

function oursOutbound(content: string): string {
	const xml = buildReplyXml(
		{ type: 'text', content },
		{ toUserName: OPENID, fromUserName: GH, createTime: 1715943330 },
	);
	return buildEncryptedReply(ours, xml, { timestamp: TIMESTAMP, nonce: NONCE });
}

// ---------- peers: shared pieces written the way their users write them ----------
function replyTemplate(content: string): string {
	return (
		`<xml><ToUserName><![CDATA[${OPENID}]]></ToUserName><FromUserName><![CDATA[${GH}]]></FromUserName>` +
		`<CreateTime>1715943330</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content></xml>`
	);
}

function envelopeTemplate(encrypt: string, signature: string): string {
	return (
		`<xml>\n<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n<MsgSignature><![CDATA[${signature}]]></MsgSignature>\n` +
		`<TimeStamp>${TIMESTAMP}</TimeStamp>\n<Nonce><![CDATA[${NONCE}]]></Nonce>\n</xml>`
	);
}

// ---------- peer A: wechat-crypto + xml2js (the `wechat` middleware's path) ----------
const peerA = new WXBizMsgCrypt(TOKEN, AES_KEY_TEXT, APP_ID);

function xml2jsSync(xml: string): Record<string, unknown> {
	let out: unknown;
	parseString(xml, { trim: true }, (error, result) => {
		if (error) throw error;
		out = result;
	});
	if (out === undefined) throw new Error('xml2js did not answer synchronously');
	return (out as { xml: Record<string, unknown> }).xml;
}

/** The `wechat` middleware's formatMessage: unwrap xml2js's one-element arrays. */
function formatMessage(result: Record<string, unknown>): Record<string, unknown> {
	const message: Record<string, unknown> = {};
	for (const key of Object.keys(result)) {
		const item = result[key];
		if (!Array.isArray(item) || item.length === 0) continue;
		if (item.length === 1) {
			const value = item[0];
			message[key] =
				typeof value === 'object'
					? formatMessage(value as Record<string, unknown>)
					: String(value).trim();
		} else {
			message[key] = item.map((value) =>
				typeof value === 'object'
					? formatMessage(value as Record<string, unknown>)
					: String(value).trim(),
			);
		}
	}
	return message;
}

function peerAInbound(body: string, msgSignature: string): string {
	const envelope = xml2jsSync(body);
	const encrypt = (envelope.Encrypt as string[])[0];
	if (peerA.getSignature(TIMESTAMP, NONCE, encrypt) !== msgSignature) throw new Error('signature');
	const decrypted = peerA.decrypt(encrypt);
	if (decrypted.id !== APP_ID) throw new Error('appid');
	return formatMessage(xml2jsSync(decrypted.message)).Content as string;
}

function peerAOutbound(content: string): string {
	const encrypt = peerA.encrypt(replyTemplate(content));
	return envelopeTemplate(encrypt, peerA.getSignature(TIMESTAMP, NONCE, encrypt));
}

// ---------- peer B: @wecom/crypto + fast-xml-parser ----------
const fxp = new XMLParser({ parseTagValue: false, trimValues: false });

function peerBInbound(body: string, msgSignature: string): string {
	const encrypt = (fxp.parse(body) as { xml: { Encrypt: string } }).xml.Encrypt;
	if (wecom.getSignature(TOKEN, TIMESTAMP, NONCE, encrypt) !== msgSignature)
		throw new Error('signature');
	const decrypted = wecom.decrypt(AES_KEY_TEXT, encrypt);
	if (decrypted.id !== APP_ID) throw new Error('appid');
	return (fxp.parse(decrypted.message) as { xml: { Content: string } }).xml.Content;
}

function peerBOutbound(content: string): string {
	const encrypt = wecom.encrypt(AES_KEY_TEXT, replyTemplate(content), APP_ID);
	return envelopeTemplate(encrypt, wecom.getSignature(TOKEN, TIMESTAMP, NONCE, encrypt));
}

// ---------- raw limit: node:crypto alone ----------
const rawKey = Buffer.from(AES_KEY_TEXT + '=', 'base64');
const rawIv = rawKey.subarray(0, 16);

function rawInbound(encrypt: string, msgSignature: string): number {
	const hash = createHash('sha1')
		.update([TOKEN, TIMESTAMP, NONCE, encrypt].sort().join(''))
		.digest('hex');
	if (hash !== msgSignature) throw new Error('signature');
	const decipher = createDecipheriv('aes-256-cbc', rawKey, rawIv);
	decipher.setAutoPadding(false);
	const plain = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
	return plain.length;
}

function rawOutbound(plain: Buffer): string {
	const cipher = createCipheriv('aes-256-cbc', rawKey, rawIv);
	cipher.setAutoPadding(false);
	const encrypt = Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
	return createHash('sha1')
		.update([TOKEN, TIMESTAMP, NONCE, encrypt].sort().join(''))
		.digest('hex');
}

// ---------- harness ----------
interface Cell {
	direction: 'inbound' | 'outbound';
	size: string;
	name: string;
	op: Op;
	batch: number;
	samples: number[];
}

const NAMES = [
	'ours',
	'wechat-crypto + xml2js',
	'@wecom/crypto + fast-xml-parser',
	'raw node:crypto',
];

function timeBatch(op: Op, n: number): number {
	const start = process.hrtime.bigint();
	for (let i = 0; i < n; i++) op();
	return Number(process.hrtime.bigint() - start) / 1000 / n;
}

function calibrate(op: Op): number {
	let n = 1;
	for (;;) {
		const start = process.hrtime.bigint();
		for (let i = 0; i < n; i++) op();
		const ms = Number(process.hrtime.bigint() - start) / 1e6;
		if (ms >= ROUND_MS / 4) return Math.max(1, Math.round((n * ROUND_MS) / ms));
		n *= 2;
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function main(): void {
	const cells: Cell[] = [];
	for (const target of [300, 2048, 20480]) {
		const { xml, content } = textMessage(target);
		const size = `${Buffer.byteLength(xml)} B`;
		const encrypt = ours.encrypt(xml);
		const msgSignature = ours.signature(TIMESTAMP, NONCE, encrypt);
		const body = `<xml><ToUserName><![CDATA[${GH}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
		const rawPlain = Buffer.concat([
			randomBytes(16),
			Buffer.alloc(4),
			Buffer.from(replyTemplate(content)),
			Buffer.from(APP_ID),
		]);
		const padded = Buffer.concat([rawPlain, Buffer.alloc(32 - (rawPlain.length % 32))]);

		// Every pipeline must produce the right answer before it is timed.
		for (const fn of [oursInbound, peerAInbound, peerBInbound]) {
			if (fn(body, msgSignature) !== content)
				throw new Error(`${fn.name} returned a wrong Content`);
		}
		const inbound: Op[] = [
			() => oursInbound(body, msgSignature),
			() => peerAInbound(body, msgSignature),
			() => peerBInbound(body, msgSignature),
			() => rawInbound(encrypt, msgSignature),
		];
		const outbound: Op[] = [
			() => oursOutbound(content),
			() => peerAOutbound(content),
			() => peerBOutbound(content),
			() => rawOutbound(padded),
		];
		inbound.forEach((op, i) =>
			cells.push({ direction: 'inbound', size, name: NAMES[i], op, batch: 0, samples: [] }),
		);
		outbound.forEach((op, i) =>
			cells.push({ direction: 'outbound', size, name: NAMES[i], op, batch: 0, samples: [] }),
		);
	}

	for (const cell of cells) {
		cell.batch = calibrate(cell.op); // doubles as warm-up
		timeBatch(cell.op, cell.batch);
	}
	for (let round = 0; round < ROUNDS; round++) {
		for (const cell of cells) cell.samples.push(timeBatch(cell.op, cell.batch));
	}

	console.log(
		`node ${process.version}, ${ROUNDS} rounds of ~${ROUND_MS} ms per cell, median µs/op\n`,
	);
	const header = ['direction', 'plaintext', ...NAMES, 'ours ÷ fastest peer'];
	const rows: string[][] = [];
	const misses: string[] = [];
	for (const direction of ['inbound', 'outbound'] as const) {
		const sizes = [...new Set(cells.filter((c) => c.direction === direction).map((c) => c.size))];
		for (const size of sizes) {
			const row = cells
				.filter((c) => c.direction === direction && c.size === size)
				.map((c) => median(c.samples));
			const fastestPeer = Math.min(row[1], row[2]);
			const ratio = row[0] / fastestPeer;
			// The protocol core need not beat its peers (its checks are stricter), only not lose to them.
			if (ratio > 1) misses.push(`${direction} ${size}`);
			rows.push([direction, size, ...row.map((v) => v.toFixed(1)), `${ratio.toFixed(2)}×`]);
		}
	}
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cols: string[]) =>
		'| ' + cols.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
	console.log(line(header));
	console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
	for (const row of rows) console.log(line(row));
	console.log(
		misses.length === 0
			? '\nTarget met: ours ≤ 1.0× the fastest peer at every size, both directions.'
			: `\nTarget (≤ 1.0× the fastest peer) missed at: ${misses.join(', ')}`,
	);
}

main();
