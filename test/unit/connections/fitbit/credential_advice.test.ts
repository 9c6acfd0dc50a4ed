import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';

const advise = (api: string, clientId?: string, clientSecret?: string) => fitbitPlugin.adviseOnCredentials(api, { clientId, clientSecret });

const GOOGLE_ID = '1234567890-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com';
const GOOGLE_SECRET = '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t';
const FITBIT_SECRET = '0123456789abcdef0123456789abcdef';

describe('the Fitbit plugin advising on the credentials an admin saved', () => {
  it('gives no advice on a Google OAuth client ID with the Google Health API, with or without its secret', () => {
    expect(advise('google-health', GOOGLE_ID, GOOGLE_SECRET)).toEqual([]);
    expect(advise('google-health', GOOGLE_ID)).toEqual([]);
    expect(advise('google-health', '1234567890-fitgate.apps.googleusercontent.com', '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789')).toEqual([]);
  });

  it('gives no advice on a Fitbit Client ID with the legacy API, however Fitbit spelled it', () => {
    expect(advise('fitbit-legacy', '23ABCD', FITBIT_SECRET)).toEqual([]);
    expect(advise('fitbit-legacy', '23PUBL')).toEqual([]);
    // Tolerant: six capitals is what Fitbit issues today; another case or length is not a clear mismatch.
    expect(advise('fitbit-legacy', '23abcd')).toEqual([]);
    expect(advise('fitbit-legacy', '2ABCDEF')).toEqual([]);
  });

  it('gives no advice without a Client ID (the sandbox), nor for an API it does not serve', () => {
    expect(advise('google-health')).toEqual([]);
    expect(advise('fitbit-legacy', '')).toEqual([]);
    expect(advise('acme-v2', 'GOCSPX-whatever')).toEqual([]);
  });

  it('says a Client ID with a space inside has none in truth, quoting it', () => {
    const [advice, ...rest] = advise('fitbit-legacy', '23 ABCD');
    expect(rest).toEqual([]);
    expect(advice).toContain('The Client ID "23 ABCD" contains a space');
    expect(advice).toContain('dev.fitbit.com');
    expect(advise('google-health', `${GOOGLE_ID.slice(0, 20)} ${GOOGLE_ID.slice(20)}`)).toEqual([expect.stringContaining('contains a space')]);
  });

  it('says a Fitbit Client ID does not open the Google Health API', () => {
    const [advice, ...rest] = advise('google-health', '23ABCD', GOOGLE_SECRET);
    expect(rest).toEqual([]);
    expect(advice).toContain('The Client ID "23ABCD" looks like a Fitbit "OAuth 2.0 Client ID"');
    expect(advice).toContain('the Google Health API is chosen');
    expect(advice).toContain('.apps.googleusercontent.com');
  });

  it('says both what is wrong with "23 ABCD" under the Google Health API: the space, and that it is Fitbit\'s', () => {
    const advice = advise('google-health', '23 ABCD', GOOGLE_SECRET);
    expect(advice).toHaveLength(2);
    expect(advice[0]).toContain('contains a space');
    expect(advice[1]).toContain('looks like a Fitbit "OAuth 2.0 Client ID"');
  });

  it('says a Client ID of no Google shape is not a Google OAuth client ID, e.g. one copied without its end', () => {
    const [advice, ...rest] = advise('google-health', '1234567890-abcdefghijklmnop', GOOGLE_SECRET);
    expect(rest).toEqual([]);
    expect(advice).toContain('The Client ID "1234567890-abcdefghijklmnop" is not a Google OAuth client ID, which ends in .apps.googleusercontent.com');
    expect(advice).toContain('the Google Cloud console');
  });

  it('says a Google OAuth client ID does not open the legacy Fitbit Web API', () => {
    const [advice, ...rest] = advise('fitbit-legacy', GOOGLE_ID);
    expect(rest).toEqual([]);
    expect(advice).toContain(`The Client ID "${GOOGLE_ID}" is a Google OAuth client ID, but the Legacy Fitbit Web API is chosen`);
    expect(advice).toContain('choose the Google Health API');
  });

  it.each([
    ['google-health', GOOGLE_SECRET],
    ['fitbit-legacy', GOOGLE_SECRET],
    ['google-health', FITBIT_SECRET],
    ['fitbit-legacy', FITBIT_SECRET],
    ['google-health', `GOCSPX- ${GOOGLE_SECRET.slice(7)}`],
  ])('says a client secret in the Client ID field (%s) is one, without repeating it', (api, secret) => {
    const advice = advise(api, secret, secret === GOOGLE_SECRET ? 'GOCSPX-another-secret' : undefined);
    expect(advice).toEqual([expect.stringContaining('The Client ID looks like a client secret, not a Client ID.')]);
    for (const sentence of advice) {
      expect(sentence).not.toContain(secret);
      expect(sentence).not.toContain(secret.slice(7));
      expect(sentence).not.toContain('GOCSPX-');
    }
  });

  it('says a Client ID or a Client Secret pasted in quotation marks carries them, never quoting the secret', () => {
    expect(advise('google-health', `"${GOOGLE_ID}"`, GOOGLE_SECRET)).toEqual([
      `The Client ID "\\"${GOOGLE_ID}\\"" is wrapped in quotation marks, which are not part of it: paste it again without them.`,
    ]);
    expect(advise('fitbit-legacy', "'23ABCD'")).toEqual([expect.stringContaining('is wrapped in quotation marks')]);
    for (const secret of [`"${GOOGLE_SECRET}"`, `'${FITBIT_SECRET}'`, `\u201c${GOOGLE_SECRET}\u201d`]) {
      const advice = advise('google-health', GOOGLE_ID, secret);
      expect(advice).toEqual([
        'The Client Secret is wrapped in quotation marks, which are not part of it (Google and Fitbit secrets have none): paste it again without them.',
      ]);
    }
    // A secret pasted, quoted, into the Client ID field is named a secret, and not quoted back.
    const misplaced = advise('google-health', `"${GOOGLE_SECRET}"`);
    expect(misplaced).toEqual([expect.stringContaining('looks like a client secret')]);
    expect(misplaced.join(' ')).not.toContain(GOOGLE_SECRET);
    // A quote inside, or on one side only, is left to the upstream to judge.
    expect(advise('google-health', GOOGLE_ID, `${GOOGLE_SECRET}"`)).toEqual([]);
  });

  it('says a Client ID in the Client Secret field is one, and when the two look swapped, without repeating the secret', () => {
    expect(advise('google-health', GOOGLE_ID, GOOGLE_ID)).toEqual([expect.stringContaining('The Client Secret is the same as the Client ID')]);
    const [other] = advise('google-health', GOOGLE_ID, '99-other.apps.googleusercontent.com');
    expect(other).toContain('The Client Secret looks like a Client ID, not a secret');
    expect(other).not.toContain('99-other');
    const swapped = advise('google-health', GOOGLE_SECRET, GOOGLE_ID);
    expect(swapped).toEqual(['The Client ID and the Client Secret look swapped: paste each into the other field and save again.']);
  });
});
