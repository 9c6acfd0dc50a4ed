import { describe, expect, it } from '@jest/globals';
import { checkAudience, checkAudienceAtAny } from '../../../../src/authn/tokens/audience_check.js';
import { AccessDeniedError } from '../../../../src/errors/index.js';

const TENANT_URL = 'https://acme.example';

describe('checkAudience', () => {
  it('lets a user token name /userinfo only, or nothing', () => {
    expect(() => checkAudience(TENANT_URL, 'user', undefined)).not.toThrow();
    expect(() => checkAudience(TENANT_URL, 'user', `${TENANT_URL}/userinfo`)).not.toThrow();
    expect(() => checkAudience(TENANT_URL, 'user', `${TENANT_URL}/api/v2/`)).toThrow(AccessDeniedError);
  });

  it('lets a client_credentials token name the Management API only', () => {
    expect(() => checkAudience(TENANT_URL, 'client', `${TENANT_URL}/api/v2/`)).not.toThrow();
    expect(() => checkAudience(TENANT_URL, 'client', `${TENANT_URL}/userinfo`)).toThrow(AccessDeniedError);
  });

  it("answers in Auth0's words for an API it does not have", () => {
    expect(() => checkAudience(TENANT_URL, 'user', 'https://api.app.example')).toThrow('Service not found: https://api.app.example');
  });
});

describe('checkAudienceAtAny', () => {
  const OWN_DOMAIN = 'https://login.acme.com';

  it('lets a user token name the /userinfo of any of the URLs given, or nothing', () => {
    expect(() => checkAudienceAtAny([TENANT_URL, OWN_DOMAIN], 'user', undefined)).not.toThrow();
    expect(() => checkAudienceAtAny([TENANT_URL, OWN_DOMAIN], 'user', `${TENANT_URL}/userinfo`)).not.toThrow();
    expect(() => checkAudienceAtAny([TENANT_URL, OWN_DOMAIN], 'user', `${OWN_DOMAIN}/userinfo`)).not.toThrow();
  });

  it('refuses the /userinfo of a URL not given, and any other API of those given', () => {
    expect(() => checkAudienceAtAny([TENANT_URL], 'user', `${OWN_DOMAIN}/userinfo`)).toThrow('Service not found: https://login.acme.com/userinfo');
    expect(() => checkAudienceAtAny([TENANT_URL, OWN_DOMAIN], 'user', `${OWN_DOMAIN}/api/v2/`)).toThrow(AccessDeniedError);
  });
});
