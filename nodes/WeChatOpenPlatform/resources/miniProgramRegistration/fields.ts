/** Where WeChat reports the outcome, for the items of the register operations. */
export const RESULT_NOTE =
	'The result arrives at the WeChat Open Platform Trigger (authorization URL); on success the new mini program is authorized and stored';
