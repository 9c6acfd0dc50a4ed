import { z } from 'zod';

// Bodies of POST /clients and PATCH /clients/{id}: Auth0's field names; unknown fields are refused
// rather than silently dropped, so a typo ("callback") is reported instead of ignored.

// Each URL is checked against the application URL rule (domain/application_urls.ts) once the
// application's type is known: see client_url_check.ts.
const url = z.string();

const appType = z.enum(['regular_web', 'spa', 'native', 'non_interactive']);
const authMethod = z.enum(['client_secret_basic', 'client_secret_post', 'none']);
const grantType = z.enum(['authorization_code', 'refresh_token', 'client_credentials']);

const editable = {
  name: z.string().trim().min(1, 'Must not be empty').max(128, 'Must be at most 128 characters'),
  app_type: appType,
  token_endpoint_auth_method: authMethod,
  callbacks: z.array(url).max(100),
  allowed_logout_urls: z.array(url).max(100),
  web_origins: z.array(url).max(100),
  allowed_origins: z.array(url).max(100),
  grant_types: z.array(grantType).max(3),
};

export const createClientBody = z.strictObject({
  ...editable,
  app_type: appType.default('regular_web'),
  callbacks: editable.callbacks.optional(),
  allowed_logout_urls: editable.allowed_logout_urls.optional(),
  web_origins: editable.web_origins.optional(),
  allowed_origins: editable.allowed_origins.optional(),
  grant_types: editable.grant_types.optional(),
  token_endpoint_auth_method: authMethod.optional(),
});

export type CreateClientBody = z.infer<typeof createClientBody>;

export const updateClientBody = z.strictObject({
  name: editable.name.optional(),
  app_type: editable.app_type.optional(),
  token_endpoint_auth_method: editable.token_endpoint_auth_method.optional(),
  callbacks: editable.callbacks.optional(),
  allowed_logout_urls: editable.allowed_logout_urls.optional(),
  web_origins: editable.web_origins.optional(),
  allowed_origins: editable.allowed_origins.optional(),
  grant_types: editable.grant_types.optional(),
});

export type UpdateClientBody = z.infer<typeof updateClientBody>;
