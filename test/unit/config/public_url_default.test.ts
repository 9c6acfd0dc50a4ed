import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { tempDataDir } from './config_support.js';

/** `PORT=3001 npm start` alone must print a dashboard URL that answers: the public URL follows PORT. */
describe('FITGATE_PUBLIC_URL default', () => {
  it('is http://localhost:${PORT} when only PORT is set', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), PORT: '3001' });
    expect(config.publicUrl).toBe('http://localhost:3001');
    expect(config.baseHost).toBe('localhost:3001');
  });

  it('is http://localhost:3000 when neither is set', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir() }).publicUrl).toBe('http://localhost:3000');
  });

  it('keeps http://localhost:3000 for PORT=0, which has no port before it listens', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), PORT: '0' }).publicUrl).toBe('http://localhost:3000');
  });

  it('says whether FITGATE_PUBLIC_URL gave it (publicUrlSet), for the start to warn when a random port leaves it behind', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), PORT: '0' }).publicUrlSet).toBe(false);
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), PORT: '0', FITGATE_PUBLIC_URL: 'http://localhost:3000' }).publicUrlSet).toBe(true);
  });

  it('takes an origin with or without its trailing slash', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_PUBLIC_URL: 'https://id.example.com:8443/' }).publicUrl).toBe('https://id.example.com:8443');
  });

  it('gives way to an explicit FITGATE_PUBLIC_URL', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), PORT: '3001', FITGATE_PUBLIC_URL: 'https://id.example.com' });
    expect(config.publicUrl).toBe('https://id.example.com');
  });
});
