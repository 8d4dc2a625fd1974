import { webViewDomainOperation } from './domains';

/** Add the web-view (business) domains: /wxa/setwebviewdomain action add. */
export const { description, execute } = webViewDomainOperation('addWebViewDomains', 'add');
