import { InvalidRequestError } from '../../../errors/index.js';
import type { AuthorizeCheck } from './authorize_context.js';

/** The client must exist in this tenant. Shown as a page: nothing about the request can be trusted yet. */
export const checkClient: AuthorizeCheck = async (ctx, deps) => {
  const clientId = ctx.params.client_id;
  if (!clientId) throw new InvalidRequestError('The request has no client_id, so fitgate cannot tell which application sent you here.');
  const client = await deps.clients.get(ctx.tenant.name, clientId);
  if (!client) {
    throw new InvalidRequestError(`No application with client_id "${clientId}" exists in this tenant. Check the client_id the application sends.`);
  }
  ctx.client = client;
};
