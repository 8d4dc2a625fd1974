import { serverDomainOperation } from './domains';

/** Set the server domains (request, socket, uploadFile, downloadFile, UDP, TCP): /wxa/modify_domain action set. */
export const { description, execute } = serverDomainOperation('setServerDomains', 'set');
