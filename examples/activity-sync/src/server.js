import { createServer } from 'node:http';
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './app.js';
import { issuerProblem } from './issuer_check.js';

/**
 * Starts Activity Sync. The port is bound before the app is built so that, with PORT=0 and no
 * BASE_URL, the app's own URL (its OpenID Connect callback) names the port it really got.
 */
async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Activity Sync: ${error.message}\n`);
    process.exit(1);
  }
  // Before listening: a wrong ISSUER_BASE_URL would otherwise surface only at the first sign-in, as a stack trace.
  const problem = await issuerProblem(config.issuerBaseURL);
  if (problem) {
    process.stderr.write(`Activity Sync: ${problem}\n`);
    process.exit(1);
  }
  const server = createServer();
  await new Promise((resolve, reject) => server.once('error', reject).listen(config.port, '127.0.0.1', resolve));
  const baseURL = config.baseURL ?? `http://localhost:${server.address().port}`;
  server.on('request', createApp({ ...config, baseURL }));
  process.stdout.write(`Activity Sync listening on ${baseURL}\n`);
  process.stdout.write(`Fitbit data is read from ${config.upstreamBaseUrl ?? 'the real Fitbit and Google hosts'} (UPSTREAM_BASE_URL)\n`);

  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  process.stderr.write(`Activity Sync could not start: ${error.message}\n`);
  process.exit(1);
});
