/**
 * Reading the control API's JSON bodies: required strings, http(s) URLs and string maps. A mistake
 * throws BadInput, which the control API answers with 400 and the message.
 */
import { str } from './http';

export class BadInput extends Error {}

export function need(b: Record<string, unknown>, name: string): string {
	const v = str(b[name]);
	if (v === undefined || v === '') throw new BadInput(`"${name}" is required`);
	return v;
}

export function url(b: Record<string, unknown>, name = 'url'): string {
	const u = need(b, name);
	if (!URL.canParse(u.split('$APPID$').join('APPID')) || !/^https?:\/\//i.test(u)) {
		throw new BadInput(`"${name}" must be an http(s) URL`);
	}
	return u;
}

export function stringRecord(v: unknown, name: string): Record<string, string> {
	if (v === undefined) return {};
	if (!v || typeof v !== 'object' || Array.isArray(v))
		throw new BadInput(`"${name}" must be an object of strings`);
	const out: Record<string, string> = {};
	for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
		const s = str(val);
		if (s === undefined) throw new BadInput(`"${name}.${k}" must be a string`);
		out[k] = s;
	}
	return out;
}
