import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { useDefaultTenantApp } from './app_fixture.js';
import { FORM_TYPE, JSON_TYPE, listen, type Listening } from './hostile_requests.js';

const HOST = 'localhost:3000';
const BODY = 'The request body is not valid UTF-8.';
const ESCAPE = 'The request body has a malformed percent-escape: a % not followed by two hex digits, or escapes that are not UTF-8.';
const QUERY = 'The query string has a malformed percent-escape: a % not followed by two hex digits, or escapes that are not UTF-8.';

/**
 * Input that is not UTF-8, or whose percent-escapes spell nothing, is refused as 400
 * invalid_request in the route's format, where the parsers would have read it as another value
 * (U+FFFD for each bad byte, "%FF" kept as its text) and the route would have acted on that.
 */
describe('malformed percent-escapes and invalid UTF-8', () => {
  const fixture = useDefaultTenantApp();
  let server: Listening;
  beforeAll(async () => {
    server = await listen(fixture().app);
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (path: string, type: string, body: string | Buffer) => server.send({ label: '', method: 'POST', path, headers: { host: HOST, 'content-type': type }, body });
  const invalidJson = Buffer.concat([Buffer.from('{"grant_type":"client_credentials","client_id":"'), Buffer.from([0xff, 0xc0, 0xaf]), Buffer.from('"}')]);

  it('refuses a JSON body that is not UTF-8, as OAuth JSON at /oauth/token', async () => {
    const answer = await post('/oauth/token', JSON_TYPE, invalidJson);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ error: 'invalid_request', error_description: BODY });
  });

  it('refuses a JSON body that is not UTF-8 in the Management API shape', async () => {
    const answer = await post('/api/v2/clients', JSON_TYPE, Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xfe, 0xff]), Buffer.from('"}')]));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ statusCode: 400, error: 'Bad Request', message: BODY, errorCode: 'invalid_request' });
  });

  it.each(['client_secret=%FF', 'client_secret=%C0%AF', 'client_secret=%', 'client_secret=%E2%82'])('refuses the form %s instead of reading the escape as text', async (field) => {
    const answer = await post('/oauth/token', FORM_TYPE, `grant_type=client_credentials&client_id=x&${field}`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ error: 'invalid_request', error_description: ESCAPE });
  });

  it('still reads well-formed escapes and raw UTF-8 in a form', async () => {
    const answer = await post('/oauth/token', FORM_TYPE, Buffer.from('grant_type=client_credentials&client_id=%E2%82%AC&client_secret=€+%25'));
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toMatchObject({ error: 'invalid_client' });
  });

  it('refuses a malformed query string before the route reads it, in each family’s format', async () => {
    const api = await server.send({ label: '', method: 'GET', path: '/api/v2/users?q=%FF', headers: { host: HOST } });
    expect(api.status).toBe(400);
    expect(JSON.parse(api.text)).toEqual({ statusCode: 400, error: 'Bad Request', message: QUERY, errorCode: 'invalid_request' });

    const page = await server.send({ label: '', method: 'GET', path: '/authorize?client_id=x&state=%', headers: { host: HOST, accept: 'text/html' } });
    expect(page.status).toBe(400);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain(QUERY);

    const userinfo = await server.send({ label: '', method: 'GET', path: '/userinfo?access_token=%C0%AF', headers: { host: HOST } });
    expect(userinfo.status).toBe(400);
    expect(JSON.parse(userinfo.text)).toEqual({ error: 'invalid_request', error_description: QUERY });
  });

  it('leaves a well-formed query alone', async () => {
    const answer = await server.send({ label: '', method: 'GET', path: '/authorize?client_id=%E2%82%AC&state=a%25b+c', headers: { host: HOST, accept: 'text/html' } });
    expect(answer.text).not.toContain(QUERY);
  });
});
