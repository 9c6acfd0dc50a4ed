import { describe, expect, it } from '@jest/globals';
import { refuseReturnTo } from '../../../../src/authn/login/logout_return_to.js';
import { buildClient } from '../../../../src/domain/clients.js';

function owner(allowedLogoutUrls: string[]) {
  return { client: buildClient({ tenant: 'acme', name: 'Web App', appType: 'regular_web', allowedLogoutUrls }).client };
}

/**
 * The empty path of an http(s) return address against the allowed logout URLs: the only spelling
 * both logout endpoints read as another (RFC 3986 §6.2.3), so SDKs that send the bare origin return
 * to an allowed "origin/" and the other way round, while any other difference is still refused.
 */
describe('a logout return address without its root slash', () => {
  it('matches an allowed address with it, and the other way round, at both endpoints', () => {
    for (const comparison of ['exact', 'path'] as const) {
      expect(refuseReturnTo('http://localhost:4101', owner(['http://localhost:4101/']), comparison)).toBeUndefined();
      expect(refuseReturnTo('http://localhost:4101/', owner(['http://localhost:4101']), comparison)).toBeUndefined();
      expect(refuseReturnTo('https://app.example?from=logout', owner(['https://app.example/?from=logout']), comparison)).toBeUndefined();
    }
  });

  it('does not stretch to another path, a trailing slash elsewhere, or another query at /oidc/logout', () => {
    const allowed = owner(['http://localhost:4101/', 'https://app.example/bye']);
    for (const returnTo of ['http://localhost:4101/other', 'https://app.example/bye/', 'https://app.example', 'http://localhost:4101?next=https://evil.example']) {
      expect({ returnTo, refused: refuseReturnTo(returnTo, allowed, 'exact') !== undefined }).toEqual({ returnTo, refused: true });
    }
  });

  it('says truly how a refused address differs: its query, or how it is written', () => {
    const allowed = owner(['https://app.example/bye']);
    expect(refuseReturnTo('https://app.example/bye?x=1', allowed, 'exact')).toContain('only in its query or fragment');
    for (const written of ['https://APP.example/bye', 'https://app.example:443/bye', 'https://app.example/a/../bye']) {
      const refusal = refuseReturnTo(written, allowed, 'exact');
      expect({ written, refusal }).toEqual({ written, refusal: expect.stringContaining('written differently') });
      expect(refusal).not.toContain('only in its query');
    }
    expect(refuseReturnTo('https://app.example/elsewhere', allowed, 'exact')).toContain("Its administrator can add it in the application's settings.");
  });
});
