// Shared by the relying-party apps of the compat suites: settings from RP_SETTINGS, a listener on
// 127.0.0.1:0, and the one stdout line relying_party.ts waits for.
import { createServer } from 'node:http';
import process from 'node:process';

export function settings() {
  return JSON.parse(process.env.RP_SETTINGS ?? '{}');
}

/** Starts listening and returns the app's base URL; call ready() once the routes are mounted. */
export async function listen(app) {
  const server = createServer(app);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
  return `http://127.0.0.1:${server.address().port}`;
}

export function ready(url) {
  process.stdout.write(`${JSON.stringify({ url })}\n`);
}

/** Answers an SDK's failure as JSON, so a test shows what the SDK said instead of a bare 500. */
// Four parameters: express tells error handlers by their arity.
export function errorsAsJson(error, _req, res, _next) {
  res.status(error.status ?? error.statusCode ?? 500).json({ error: error.message, code: error.code, cause: error.cause?.message });
}
