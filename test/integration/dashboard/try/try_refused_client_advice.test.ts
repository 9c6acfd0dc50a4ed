import { describe, expect, it } from '@jest/globals';
import { approveUrl, DEMO } from '../../../support/emulator.js';
import { configureFitbit, followUpstream, pressTryToFailure, runTry, useTrySetup } from '../try_helpers.js';

/**
 * When the upstream refuses the client, TRY's failure page gives the plugin's advice on the
 * credentials it tried, the advice a save shows, so an admin who pressed Try without saving first
 * learns why; the secret is never shown.
 */
describe('TRY refused the client: the credential advice', () => {
  const setup = useTrySetup();

  it('says a secret refused at the token step is wrapped in quotation marks', async () => {
    const quoted = `"${DEMO.googleServer.clientSecret}"`;
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: DEMO.googleServer.clientId, clientSecret: quoted });
    const page = await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'alice' })));
    expect(page).toContain('invalid_client');
    expect(page).toContain('<ul id="credential-advice">');
    expect(page).toContain('The Client Secret is wrapped in quotation marks, which are not part of it');
    expect(page).not.toContain(DEMO.googleServer.clientSecret);
  });

  it('says a secret pasted as the Client ID, refused at authorize, is a secret, without showing it', async () => {
    const secret = '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3';
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: secret, clientSecret: DEMO.googleServer.clientSecret });
    const { text } = await pressTryToFailure(setup.agent());
    expect(text).toContain('<ul id="credential-advice">');
    expect(text).toContain('The Client ID looks like a client secret, not a Client ID.');
    // The advice never quotes it (the authorize URL in the steps carries it as sent: another matter).
    const advice = /<ul id="credential-advice">[\s\S]*?<\/ul>/.exec(text)?.[0];
    expect(advice).not.toContain(secret);
  });

  it('gives no advice when the credentials look right but the secret is wrong', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: DEMO.googleServer.clientId, clientSecret: 'GOCSPX-not-this-client-secret-0123' });
    const page = await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'alice' })));
    expect(page).toContain('invalid_client');
    expect(page).not.toContain('credential-advice');
  });
});
