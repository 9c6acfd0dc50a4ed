import type { RequestHandler } from 'express';
import { ResourceNotFoundError } from '../errors/index.js';

/**
 * The Management API's last handler: a method and path no route of MANAGEMENT_ROUTES takes. fitgate
 * implements part of Auth0's API, so a script or SDK calling the rest (roles, organizations, a
 * method a resource lacks) gets a 404 in Auth0's shape that says the endpoint is not supported here,
 * rather than the page wording of the app's 404 or one an SDK reads as a missing record.
 */
export function unsupportedEndpoint(): RequestHandler {
  return (req, _res, next) => {
    next(
      new ResourceNotFoundError(
        `fitgate does not support ${req.method} /api/v2${req.path}: it implements part of Auth0's Management API (its endpoints are listed in fitgate's docs/management-api.md).`,
        'unsupported_endpoint',
      ),
    );
  };
}
