import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { EphemeralKind } from '../../../../src/domain/ports.js';
import { StoreUnavailableError } from '../../../../src/errors/index.js';
import { configureFitbit, sandboxApproval, startTry, useDashboardForTry } from '../try_helpers.js';

/**
 * fitgate's own part of a TRY's callback failing (its store, as it takes the TRY or keeps the
 * report) is no finding about the upstream: the admin gets fitgate's error page, which says so in
 * words, never a failed TRY blaming the upstream, nor a stack; and no failed TRY is logged.
 */
describe('TRY when fitgate’s store fails at the callback', () => {
  const setup = useDashboardForTry({ FITGATE_SANDBOX: 'on' });
  beforeAll(() => configureFitbit(setup.harness(), { api: 'google-health' }));
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const logged = async () => (await setup.harness().store.logs.list('default', { page: 0, perPage: 100 })).items;

  /** Runs a TRY through the sandbox's consent up to /manage/try/callback, and returns its answer and address. */
  async function callbackAnswer(status: number) {
    const agent = setup.agent();
    const back = await sandboxApproval(agent, await startTry(agent));
    const handed = await agent.get(`/login/callback${back.search}`).set('Accept', 'text/html').expect(303);
    const callback = String(handed.headers.location);
    expect(callback).toBe(`/manage/try/callback${back.search}`);
    return { page: await agent.get(callback).set('Accept', 'text/html').expect(status), callback };
  }

  function expectFitgatesOwnPage(text: string, heading: string) {
    expect(text).toContain(`<h1 id="error-title">${heading}</h1>`);
    // Not a TRY's failure page, which would explain the upstream's part.
    expect(text).not.toContain('Try failed');
    expect(text).not.toContain('What the upstream said');
    expect(text).not.toContain('The upstream answered something fitgate could not use');
    expect(text).not.toContain('already used or took longer than 10 minutes');
    // Not a stack either.
    expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/);
  }

  it('answers 503 with fitgate’s own page when the store cannot take the TRY, and logs no TRY', async () => {
    const { store } = setup.harness();
    const consume = store.ephemeral.consume.bind(store.ephemeral);
    jest.spyOn(store.ephemeral, 'consume').mockImplementation(async (kind: EphemeralKind, ...rest) => {
      if (kind === 'try_transaction') throw new StoreUnavailableError();
      return consume(kind, ...rest);
    });
    const before = await logged();

    const { page, callback } = await callbackAnswer(503);

    expect(page.headers['retry-after']).toBeDefined();
    expectFitgatesOwnPage(page.text, 'Temporarily unavailable');
    expect(page.text).toContain('fitgate cannot reach its database right now.');
    expect(await logged()).toEqual(before);

    // The page's advice holds: the TRY was not used up, so once the store answers, trying again finishes it.
    jest.restoreAllMocks();
    const finished = await setup.agent().get(callback).expect(303);
    expect((await setup.agent().get(new URL(String(finished.headers.location)).pathname).expect(200)).text).toContain('It works');
  });

  it('answers 503 with fitgate’s own page when the store cannot keep the report, and logs no TRY', async () => {
    const { store } = setup.harness();
    const put = store.ephemeral.put.bind(store.ephemeral);
    const reportPut = jest.spyOn(store.ephemeral, 'put').mockImplementation(async (kind: EphemeralKind, key, ...rest) => {
      // The store's own driver error (a database still locked), as it comes up unwrapped.
      if (kind === 'try_report') throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return put(kind, key, ...rest);
    });
    const before = await logged();

    const { page } = await callbackAnswer(503);

    // The upstream's part worked: the code was exchanged and the report was being kept.
    expect(reportPut.mock.calls.some(([kind]) => kind === 'try_report')).toBe(true);
    expectFitgatesOwnPage(page.text, 'Temporarily unavailable');
    expect(page.text).not.toContain('database is locked');
    expect(await logged()).toEqual(before);
  });

  it('answers fitgate’s own 500 page, without the error’s details, when the store fails otherwise, and logs no TRY', async () => {
    const { store } = setup.harness();
    const consume = store.ephemeral.consume.bind(store.ephemeral);
    jest.spyOn(store.ephemeral, 'consume').mockImplementation(async (kind: EphemeralKind, ...rest) => {
      if (kind === 'try_transaction') throw new TypeError('stored record is not JSON');
      return consume(kind, ...rest);
    });
    const before = await logged();

    const { page } = await callbackAnswer(500);

    expectFitgatesOwnPage(page.text, 'Something went wrong on our side');
    expect(page.text).not.toContain('stored record is not JSON');
    expect(page.text).toMatch(/reference <code>[^<]+<\/code>/);
    expect(await logged()).toEqual(before);
  });
});
