/**
 * The simulator's test QR code is a real PNG: signature, chunks whose CRCs match (checked with
 * Node's own zlib.crc32), an IHDR that matches the pixel data IDAT inflates to.
 */
import { crc32, inflateSync } from 'node:zlib';

import { qrLikePng } from '../../simulator/png';

function chunks(png: Buffer): Array<{ type: string; data: Buffer; crcOk: boolean }> {
	const out = [];
	let at = 8;
	while (at < png.length) {
		const length = png.readUInt32BE(at);
		const type = png.toString('ascii', at + 4, at + 8);
		const data = png.subarray(at + 8, at + 8 + length);
		const crc = png.readUInt32BE(at + 8 + length);
		out.push({ type, data, crcOk: crc32(png.subarray(at + 4, at + 8 + length)) === crc });
		at += 12 + length;
	}
	return out;
}

test('qrLikePng writes a valid 8-bit grayscale PNG whose pixels are black and white', () => {
	const png = qrLikePng('wx7ea07ea07ea07ea0 1.0.0', 25, 4);
	expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	const parts = chunks(png);
	expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
	expect(parts.every((c) => c.crcOk)).toBe(true);
	const ihdr = parts[0].data;
	const size = (25 + 4) * 4; // modules plus a two-module border on each side
	expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([
		size,
		size,
		8,
		0,
	]);
	const pixels = inflateSync(parts[1].data);
	expect(pixels.length).toBe(size * (size + 1));
	const values = new Set(pixels.filter((_, i) => i % (size + 1) !== 0));
	expect([...values].sort()).toEqual([0, 255]);
});

test('different seeds give different images, the same seed the same one', () => {
	expect(qrLikePng('a').equals(qrLikePng('a'))).toBe(true);
	expect(qrLikePng('a').equals(qrLikePng('b'))).toBe(false);
});
