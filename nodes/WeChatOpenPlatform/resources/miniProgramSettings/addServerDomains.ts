import { serverDomainOperation } from './domains';

/** Add the server domains (request, socket, uploadFile, downloadFile, UDP, TCP): /wxa/modify_domain action add. */
export const { description, execute } = serverDomainOperation('addServerDomains', 'add');
