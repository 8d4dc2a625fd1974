import type { ApiArea } from './area';
import { component } from './component';
import { fastRegistration } from './fastRegistration';
import { jsSdk } from './jsSdk';
import { media } from './media';
import { miniProgramPrivacy } from './miniProgramPrivacy';
import { miniProgramProfile } from './miniProgramProfile';
import { miniProgramUsersArea } from './miniProgramUsers';
import { oauth } from './oauth';
import { onBehalf } from './onBehalf';
import { openapi } from './openapi';
import { wxaCode } from './wxaCode';
import { wxaCodeAudit } from './wxaCodeAudit';
import { wxaCodeRelease } from './wxaCodeRelease';
import { wxaTemplates } from './wxaTemplates';
import { wxaSettings } from './wxaSettings';

/** Every emulated API area; the router serves the union of their routes. */
export const API_AREAS: readonly ApiArea[] = [
	component,
	onBehalf,
	media,
	oauth,
	openapi,
	wxaTemplates,
	wxaCode,
	wxaCodeAudit,
	wxaCodeRelease,
	wxaSettings,
	fastRegistration,
	miniProgramUsersArea,
	jsSdk,
	miniProgramProfile,
	miniProgramPrivacy,
];
