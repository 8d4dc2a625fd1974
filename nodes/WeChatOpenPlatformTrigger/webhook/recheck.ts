import type { IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_REUSE_MS, CREDENTIAL_TYPE } from '../../shared/platform';
import type { Rejection } from './http';

/** When each credential (by id) was last re-read because of a failed signature. */
const lastRereads = new Map<string, number>();

/**
 * Whether a refused request may make the trigger read its credential again (a database read, a
 * decryption and an expression isolate in n8n). Only a well-formed, fresh request whose signature
 * failed may, as only a changed Token/EncodingAESKey explains that for WeChat's own pushes; and at
 * most once per CREDENTIAL_REUSE_MS per credential, so forged requests cannot turn into reads.
 */
export function mayRereadCredential(
	context: IWebhookFunctions,
	rejection: Rejection,
	nowMs: number,
): boolean {
	if (rejection.signatureMismatch !== true) return false;
	const id = context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '';
	const last = lastRereads.get(id);
	if (last !== undefined && nowMs >= last && nowMs - last < CREDENTIAL_REUSE_MS) return false;
	if (lastRereads.size > 1000) lastRereads.clear();
	lastRereads.set(id, nowMs);
	return true;
}
