import { webViewDomainOperation } from './domains';

/** Delete the web-view (business) domains: /wxa/setwebviewdomain action delete. */
export const { description, execute } = webViewDomainOperation('deleteWebViewDomains', 'delete');
