import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { certificateCommonName, KeyCertificates, keyCertificatesFor } from '../../../src/domain/key_certificate_cache.js';
import type { Sealer } from '../../../src/domain/ports.js';
import { signingKeyCertificate } from '../../../src/domain/signing_key_certificate.js';
import { generateSigningKey } from '../../../src/domain/signing_keys.js';
import type { SigningKey } from '../../../src/domain/types.js';
import { createSealer } from '../../../src/store/sealing.js';

const sealer = createSealer([randomBytes(32)]);
let key: SigningKey;

beforeAll(async () => {
  key = await generateSigningKey(sealer, new Date('2026-12-02T00:00:00Z'));
});

const silent = () => ({ error: jest.fn() });

/** A sealer that counts how often a private key is opened. */
function countingSealer(): { sealer: Sealer; opened: () => number } {
  let count = 0;
  return {
    sealer: {
      seal: (text) => sealer.seal(text),
      open: (sealed) => {
        count += 1;
        return sealer.open(sealed);
      },
    },
    opened: () => count,
  };
}

describe('the signing key certificates the JWKS and /pem publish', () => {
  it('are the certificate the Management API shows for the key', () => {
    const certificates = new KeyCertificates(sealer, silent());
    expect(certificates.certificate(key, 'acme.fitgate.test')).toEqual(signingKeyCertificate(key, sealer, 'acme.fitgate.test'));
  });

  it('are built once per key and host: the sealed private key is opened once', () => {
    const counting = countingSealer();
    const certificates = new KeyCertificates(counting.sealer, silent());
    const first = certificates.certificate(key, 'acme.fitgate.test');
    expect(certificates.certificate(key, 'acme.fitgate.test')).toBe(first);
    expect(counting.opened()).toBe(1);

    const otherHost = certificates.certificate(key, 'id.acme.example');
    expect(otherHost?.der).not.toBe(first?.der);
    expect(counting.opened()).toBe(2);
  });

  it('are undefined for a key whose private key does not open, logged and tried once', () => {
    const logger = silent();
    let attempts = 0;
    const broken: Sealer = {
      seal: (text) => sealer.seal(text),
      open: () => {
        attempts += 1;
        throw new Error('cannot open sealed value');
      },
    };
    const certificates = new KeyCertificates(broken, logger);
    expect(certificates.certificate(key, 'acme.fitgate.test')).toBeUndefined();
    expect(certificates.certificate(key, 'acme.fitgate.test')).toBeUndefined();
    expect(attempts).toBe(1);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({ kid: key.kid });
  });

  it('are cached per app (its sealer), never shared between two apps', () => {
    const logger = silent();
    expect(keyCertificatesFor({ sealer, logger })).toBe(keyCertificatesFor({ sealer, logger }));
    expect(keyCertificatesFor({ sealer: createSealer([randomBytes(32)]), logger })).not.toBe(keyCertificatesFor({ sealer, logger }));
  });

  it("name the tenant URL's host, without port or path", () => {
    expect(certificateCommonName('http://acme.localhost:3000')).toBe('acme.localhost');
    expect(certificateCommonName('https://id.acme.example/auth')).toBe('id.acme.example');
  });
});
