import { serverDomainOperation } from './domains';

/** Delete the server domains (request, socket, uploadFile, downloadFile, UDP, TCP): /wxa/modify_domain action delete. */
export const { description, execute } = serverDomainOperation('deleteServerDomains', 'delete');
