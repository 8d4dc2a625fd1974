/**
 * The expressions this package's nodes use as defaults and in their descriptions, evaluated the way
 * n8n would: `={{ $json.a }}`, `={{ $json.a?.b }}`, `={{ $json['a'] }}` (text around them allowed)
 * against the item, and `={{$parameter["x"]}}` / `={{$parameter.x}}` against the node's parameters.
 * Anything else throws, so a test never silently runs with an unevaluated expression.
 */
import type { IDataObject } from 'n8n-workflow';

/** `a.b.c` looked up in nested objects, the way getNodeParameter reads a dotted name; undefined when absent. */
export function getByPath(source: unknown, name: string): unknown {
	let value = source;
	for (const part of name.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

export interface ExpressionData {
	/** The current item's json ($json). */
	json?: IDataObject;
	/** The node's parameters ($parameter). */
	parameters?: IDataObject;
}

const JSON_PATH = String.raw`\$json((?:\??\.[A-Za-z_$][\w$]*|\[\s*'[^']*'\s*\])*)`;
const PARAMETER = String.raw`\$parameter(?:\["([^"]+)"\]|\.([A-Za-z0-9_]+))`;
const EMBEDDED = new RegExp(String.raw`\{\{\s*(?:${JSON_PATH}|${PARAMETER})\s*\}\}`, 'g');
const WHOLE = new RegExp(String.raw`^\s*\{\{\s*(?:${JSON_PATH}|${PARAMETER})\s*\}\}\s*$`);

function readJsonPath(json: IDataObject, path: string): unknown {
	const parts = [...path.matchAll(/\??\.([A-Za-z_$][\w$]*)|\[\s*'([^']*)'\s*\]/g)].map(
		(m) => m[1] ?? m[2],
	);
	let value: unknown = json;
	for (const part of parts) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[part];
	}
	return value;
}

function evaluate(m: RegExpExecArray | string[], data: ExpressionData): unknown {
	const [, jsonPath, quoted, dotted] = m;
	if (jsonPath !== undefined) return readJsonPath(data.json ?? {}, jsonPath);
	return (data.parameters ?? {})[quoted ?? dotted];
}

function asText(v: unknown): string {
	if (v === undefined || v === null) return '';
	return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A parameter value with its expressions evaluated (recursively inside objects and arrays). */
export function resolveExpression(value: unknown, data: ExpressionData): unknown {
	if (typeof value === 'string' && value.startsWith('=')) {
		const body = value.slice(1);
		const whole = WHOLE.exec(body);
		if (whole) return evaluate(whole, data);
		if (body.replace(EMBEDDED, '').includes('{{'))
			throw new Error(`fake context: unsupported expression ${value}`);
		return body.replace(EMBEDDED, (...m: string[]) => asText(evaluate(m, data)));
	}
	if (Array.isArray(value)) return value.map((v) => resolveExpression(v, data));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [k, resolveExpression(v, data)]),
		);
	}
	return value;
}
