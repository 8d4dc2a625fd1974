import { webViewDomainOperation } from './domains';

/** Get the web-view (business) domains: /wxa/setwebviewdomain action get. */
export const { description, execute } = webViewDomainOperation('getWebViewDomains', 'get');
