import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Config } from '../../src/config/index.js';
import { TlsCredentials } from '../../src/config/tls_credentials.js';
import type { FirstPasswordNotice } from '../../src/dashboard/account/first_password_notice.js';
import { createLogger } from '../../src/logging/index.js';
import { startOutput } from '../../src/start_output.js';
import { captureLogLines } from '../support/log_capture.js';

const PASSWORD = 'generated-Pa55word-marker';
const GENERATED: FirstPasswordNotice = {
  kind: 'generated',
  email: 'admin@fitgate.local',
  password: PASSWORD,
  dashboardUrl: 'https://id.example.com/manage',
  file: 'data/admin-password.txt',
};

const TLS = new TlsCredentials('/certs/localhost.pem', '/certs/localhost-key.pem', Buffer.from('certificate'), Buffer.from('key'));

function output(options: { terminal: boolean; env?: Config['env']; logLevel?: Config['logLevel']; tls?: TlsCredentials }) {
  const log = captureLogLines();
  const logger = createLogger({ level: options.logLevel ?? 'warn', destination: log.destination });
  const config = { env: options.env ?? 'development', host: undefined, tls: options.tls, redis: undefined, dataDir: './data' } as const;
  return { out: startOutput(config, logger, { terminal: options.terminal }), lines: log.lines };
}

const json = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

/**
 * What the start and the stop say: plain text for a person at a terminal, JSON log lines otherwise,
 * and the first admin's password itself only on a terminal outside production.
 */
describe('the start and stop output', () => {
  it('outside a terminal, is JSON lines only, at info even under LOG_LEVEL=warn, with the data directory as an absolute path', () => {
    const { out, lines } = output({ terminal: false });
    out.listening({ port: 3000, dashboardUrl: 'http://localhost:3000/manage' });
    out.stopping('SIGTERM');
    out.stopped(0);
    expect(json(lines)).toEqual([
      expect.objectContaining({
        level: 30,
        port: 3000,
        store: 'embedded',
        dataDir: resolve('data'),
        dashboardUrl: 'http://localhost:3000/manage',
        msg: `fitgate is listening on port 3000 (embedded store in ${resolve('data')}): dashboard at http://localhost:3000/manage`,
      }),
      expect.objectContaining({ level: 30, signal: 'SIGTERM', msg: 'fitgate received SIGTERM: finishing requests in flight, then stopping' }),
      expect.objectContaining({ level: 30, exitCode: 0, msg: 'fitgate stopped' }),
    ]);
  });

  it('says https when fitgate serves it, on a terminal and in the JSON line', () => {
    const terminal = output({ terminal: true, tls: TLS });
    terminal.out.listening({ port: 3000, dashboardUrl: 'https://localhost:3000/manage' });
    expect(terminal.lines[0]).toBe(`fitgate is listening on port 3000 (https, embedded store in ${resolve('data')})`);
    expect(terminal.lines[1]).toBe('Dashboard: https://localhost:3000/manage');

    const logged = output({ terminal: false, tls: TLS });
    logged.out.listening({ port: 3000, dashboardUrl: 'https://localhost:3000/manage' });
    expect(json(logged.lines)).toEqual([expect.objectContaining({ protocol: 'https', msg: expect.stringMatching(/^fitgate is listening on port 3000 \(https, embedded store in /) })]);
  });

  it('outside a terminal, says where the generated password is kept, never the password', () => {
    const { out, lines } = output({ terminal: false });
    out.firstPassword(GENERATED);
    expect(lines.join('\n')).not.toContain(PASSWORD);
    expect(json(lines)).toEqual([
      expect.objectContaining({ level: 30, admin: 'admin@fitgate.local', file: resolve('data/admin-password.txt') }),
    ]);
    expect(json(lines)[0]?.msg).toContain(`its generated password is in ${resolve('data/admin-password.txt')}`);
  });

  it('on a terminal outside production, prints the banner as text and the password boxed, last', () => {
    const { out, lines } = output({ terminal: true });
    out.listening({ port: 3000, dashboardUrl: 'http://localhost:3000/manage' });
    out.firstPassword(GENERATED);
    expect(lines[0]).toBe(`fitgate is listening on port 3000 (embedded store in ${resolve('data')})`);
    expect(lines[1]).toBe('Dashboard: http://localhost:3000/manage');
    expect(lines).toContain(`Admin: admin@fitgate.local  password: ${PASSWORD}  (shown once; change it in the dashboard)`);
  });

  it('on a terminal in production, keeps the password off the screen too and logs where it is', () => {
    const { out, lines } = output({ terminal: true, env: 'production' });
    out.firstPassword(GENERATED);
    expect(lines.join('\n')).not.toContain(PASSWORD);
    expect(json(lines)).toEqual([expect.objectContaining({ file: resolve('data/admin-password.txt') })]);
  });

  it('when the file could not be written, warns without the password and names the command that sets one', () => {
    const { out, lines } = output({ terminal: false });
    out.firstPassword({ ...GENERATED, file: undefined, fileProblem: 'EACCES' });
    expect(lines.join('\n')).not.toContain(PASSWORD);
    const [line] = json(lines);
    expect(line).toMatchObject({ level: 40, problem: 'EACCES' });
    expect(line?.msg).toContain('npm run admin -- reset-password admin@fitgate.local');
  });

  it('says nothing under LOG_LEVEL=silent outside a terminal', () => {
    const { out, lines } = output({ terminal: false, logLevel: 'silent' });
    out.listening({ port: 3000, dashboardUrl: 'http://localhost:3000/manage' });
    out.firstPassword(GENERATED);
    out.stopped(0);
    expect(lines).toEqual([]);
  });
});
