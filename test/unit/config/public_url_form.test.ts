import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { configErrorOf, tempDataDir } from './config_support.js';

const publicUrlOf = (value: string) => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_PUBLIC_URL: value }).publicUrl;
const refusalOf = (value: string) => configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_PUBLIC_URL: value })).message;

/**
 * FITGATE_PUBLIC_URL as a newcomer writes it: a bare IP address or a trailing slash is taken; a
 * missing scheme or a path is refused with the form to write, read from the value itself.
 */
describe('the form of FITGATE_PUBLIC_URL', () => {
  it('takes a bare IP address, with or without a port, and IPv6 in brackets', () => {
    expect(publicUrlOf('http://192.168.1.5:3000')).toBe('http://192.168.1.5:3000');
    expect(publicUrlOf('http://127.0.0.1')).toBe('http://127.0.0.1');
    expect(publicUrlOf('http://[::1]:3000')).toBe('http://[::1]:3000');
  });

  it('takes a trailing slash, or several, as the root written out', () => {
    expect(publicUrlOf('http://localhost:3000/')).toBe('http://localhost:3000');
    expect(publicUrlOf('https://id.example.com//')).toBe('https://id.example.com');
  });

  it.each([
    ['localhost:3000', 'http://localhost:3000'],
    ['192.168.1.5:3000', 'http://192.168.1.5:3000'],
    ['id.example.com', 'http://id.example.com'],
  ])('refuses %j without a scheme, naming it with http://', (value, form) => {
    expect(refusalOf(value)).toBe(`FITGATE_PUBLIC_URL: must start with http:// or https://: write it as ${form}`);
  });

  it.each([
    ['http://localhost:3000/fitgate', 'http://localhost:3000'],
    ['http://192.168.1.5:3000/fitgate/', 'http://192.168.1.5:3000'],
    ['https://id.example.com/?x=1', 'https://id.example.com'],
  ])('refuses %j with a path or query, naming its origin', (value, form) => {
    expect(refusalOf(value)).toBe(
      `FITGATE_PUBLIC_URL: must be a scheme, host and port only: write it as ${form} (fitgate serves from the root of its host: no path, query or user name)`,
    );
  });

  it('never repeats a user name or password given in the URL', () => {
    const message = refusalOf('https://admin:hunter2secret@id.example.com/');
    expect(message).toContain('write it as https://id.example.com ');
    expect(message).not.toContain('hunter2secret');
    expect(message).not.toContain('admin');
  });

  it('keeps the plain refusal for a value that names no host', () => {
    expect(refusalOf('not a url')).toBe('FITGATE_PUBLIC_URL: must be an absolute http(s) URL');
  });
});
