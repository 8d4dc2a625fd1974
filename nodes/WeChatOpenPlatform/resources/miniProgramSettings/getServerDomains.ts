import { serverDomainOperation } from './domains';

/** Get the server domains (request, socket, uploadFile, downloadFile, UDP, TCP): /wxa/modify_domain action get. */
export const { description, execute } = serverDomainOperation('getServerDomains', 'get');
