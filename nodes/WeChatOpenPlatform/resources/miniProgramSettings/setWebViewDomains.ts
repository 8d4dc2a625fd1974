import { webViewDomainOperation } from './domains';

/** Set the web-view (business) domains: /wxa/setwebviewdomain action set. */
export const { description, execute } = webViewDomainOperation('setWebViewDomains', 'set');
