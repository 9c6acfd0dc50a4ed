import { describe, expect, it } from '@jest/globals';
import { webMessageOrigin } from '../../../../../src/authn/login/authorize/web_message_origin.js';
import { aClient } from '../../../../support/authn/records.js';

describe('webMessageOrigin', () => {
  it("is the redirect_uri's origin when the client lists it among its Allowed Web Origins", () => {
    const client = aClient({ webOrigins: ['https://other.example', 'https://app.example'] });
    expect(webMessageOrigin(client, 'https://app.example/callback?x=1')).toBe('https://app.example');
  });

  it('compares origins as browsers do: default port and host case do not matter, scheme and port do', () => {
    const client = aClient({ webOrigins: ['https://App.Example:443', 'http://localhost:5173'] });
    expect(webMessageOrigin(client, 'https://app.example/cb')).toBe('https://app.example');
    expect(webMessageOrigin(client, 'http://localhost:5173')).toBe('http://localhost:5173');
    expect(webMessageOrigin(client, 'http://app.example/cb')).toBeUndefined();
    expect(webMessageOrigin(client, 'http://localhost:5174')).toBeUndefined();
    expect(webMessageOrigin(client, 'https://localhost:5173')).toBeUndefined();
  });

  it('is undefined for a client without web origins, and for a subdomain or parent of a listed one', () => {
    expect(webMessageOrigin(aClient(), 'https://app.example/callback')).toBeUndefined();
    const client = aClient({ webOrigins: ['https://example.com'] });
    expect(webMessageOrigin(client, 'https://app.example.com/cb')).toBeUndefined();
    expect(webMessageOrigin(aClient({ webOrigins: ['https://app.example.com'] }), 'https://example.com/cb')).toBeUndefined();
  });

  it('does not honour a stored web origin that breaks the origin rule (a path, plain http on a public host, a wildcard)', () => {
    expect(webMessageOrigin(aClient({ webOrigins: ['https://app.example/callback'] }), 'https://app.example/callback')).toBeUndefined();
    expect(webMessageOrigin(aClient({ webOrigins: ['http://app.example'] }), 'http://app.example/cb')).toBeUndefined();
    // Parsed, the host is "*.app.example": the page's frame-ancestors would let every subdomain frame it.
    expect(webMessageOrigin(aClient({ webOrigins: ['https://%2A.app.example'] }), 'https://%2A.app.example/cb')).toBeUndefined();
  });

  it('is undefined for a custom-scheme redirect_uri, whose origin is opaque', () => {
    const client = aClient({ appType: 'native', webOrigins: ['https://app.example'] });
    expect(webMessageOrigin(client, 'com.acme.app:/callback')).toBeUndefined();
  });
});
