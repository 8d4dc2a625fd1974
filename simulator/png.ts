/**
 * A real PNG for the test-version QR code (`/wxa/get_qrcode`): a black-and-white grid derived from a
 * seed, with finder squares in three corners so it looks like a QR code. Not scannable; the point is
 * a file any image viewer opens (PNG signature, IHDR, IDAT, IEND with correct CRCs).
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Buffer): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(4);
	head.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([head, body, crc]);
}

/** A `modules`×`modules` grid, each module `scale` pixels, 8-bit grayscale. */
export function qrLikePng(seed: string, modules = 25, scale = 8): Buffer {
	const bits = createHash('sha256').update(seed).digest();
	const dark = (x: number, y: number): boolean => {
		for (const [fx, fy] of [
			[0, 0],
			[modules - 7, 0],
			[0, modules - 7],
		]) {
			const dx = x - fx;
			const dy = y - fy;
			if (dx >= 0 && dx < 7 && dy >= 0 && dy < 7) {
				const ring = Math.min(dx, dy, 6 - dx, 6 - dy);
				return ring !== 1;
			}
		}
		const i = (y * modules + x) % (bits.length * 8);
		return ((bits[i >> 3] >> (i & 7)) & 1) === 1;
	};
	const border = 2 * scale;
	const size = modules * scale + 2 * border;
	const rows: Buffer[] = [];
	for (let py = 0; py < size; py++) {
		const row = Buffer.alloc(size + 1, 0xff);
		row[0] = 0; // filter: none
		for (let px = 0; px < size; px++) {
			const x = Math.floor((px - border) / scale);
			const y = Math.floor((py - border) / scale);
			if (x >= 0 && y >= 0 && x < modules && y < modules && dark(x, y)) row[px + 1] = 0;
		}
		rows.push(row);
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0);
	ihdr.writeUInt32BE(size, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 0; // grayscale
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(Buffer.concat(rows))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}
