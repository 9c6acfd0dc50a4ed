import { describe, expect, it } from '@jest/globals';
import { calledUrlProblem, writtenOriginProblem, writtenRedirectUrlProblem, writtenUrl } from '../../../src/domain/application_urls.js';
import type { CalledUrlReach } from '../../../src/domain/called_url_reach.js';

const DEVELOPMENT: CalledUrlReach = { internal: true, ownPorts: new Map() };

/**
 * Where a URL is written, the Management API and the dashboard read it the same way: without the
 * white space a paste brings around it. What is left of an entry of spaces only is empty, and is
 * refused as such, not as a URL with spaces or as nothing quoted.
 */
describe('the white space around a written application URL', () => {
  it.each([
    [' https://app.example.com/cb ', 'https://app.example.com/cb'],
    ['\thttps://app.example.com/cb\r\n', 'https://app.example.com/cb'],
    ['\u00a0https://app.example.com/cb\u3000', 'https://app.example.com/cb'],
    ['\ufeffhttps://app.example.com/cb', 'https://app.example.com/cb'],
  ])('reads %j as %s', (typed, read) => {
    expect(writtenUrl(typed)).toBe(read);
    expect(writtenRedirectUrlProblem(writtenUrl(typed), 'spa')).toBeUndefined();
  });

  it('keeps the spaces inside, which stay refused', () => {
    expect(writtenUrl(' https://app.example.com/c b ')).toBe('https://app.example.com/c b');
    expect(writtenRedirectUrlProblem(writtenUrl(' https://app.example.com/c b '), 'spa')).toBe('must not contain spaces, control characters or backslashes');
  });

  it('keeps an invisible character that is no white space, which stays refused with its name', () => {
    expect(writtenUrl('https://app.example.com/cb\u200b ')).toBe('https://app.example.com/cb\u200b');
  });

  it.each(['', '   ', '\t\n'])('refuses %j, once read, as empty in every kind of URL', (typed) => {
    const read = writtenUrl(typed);
    expect(writtenRedirectUrlProblem(read, 'spa')).toBe('is empty');
    expect(writtenOriginProblem(read)).toBe('is empty');
    expect(calledUrlProblem(read, DEVELOPMENT)).toBe('is empty');
  });
});
