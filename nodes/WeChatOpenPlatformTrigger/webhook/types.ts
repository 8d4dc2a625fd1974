import type { IWebhookFunctions } from 'n8n-workflow';

import type { WeChatPlatform } from '../../../core/platform';
import { text } from '../../../core/text';
import type { XmlObject } from '../../../core/xml';
import type { ReplyResponseMode } from '../../shared/replyContext';
import type { TriggerFilters } from '../filters';

/** How the trigger answers a message push; written into the reply context for Reply → Send. */
export type ResponseMode = ReplyResponseMode;

export interface TriggerSettings {
	responseMode: ResponseMode;
	filters: TriggerFilters;
	answerReleaseTests: boolean;
	exchangeAuthorizationCode: boolean;
	/** 0 = no freshness check. */
	maxAgeSeconds: number;
	authType: string;
	bizAppId: string;
	/** Shown to merchants on the onboarding page; '' = no name. */
	platformName: string;
}

/** What every handler gets: the n8n context, the platform of the credential, the settings. */
export interface HandlerEnv {
	context: IWebhookFunctions;
	platform: WeChatPlatform;
	settings: TriggerSettings;
	/** When the request arrived (ms since the epoch). */
	nowMs: number;
}

/**
 * How long a push is remembered for dedupe. WeChat retries within ~15 s; the window is kept
 * well above the freshness limit so that no accepted replay can start a second run.
 */
export function dedupeTtlMs(settings: TriggerSettings): number {
	return Math.max(10 * 60_000, settings.maxAgeSeconds * 2000);
}

/** A leaf field of a parsed push, or '' when it is missing or not a leaf. */
export const str = (fields: XmlObject, name: string): string => text(fields[name]);

export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
