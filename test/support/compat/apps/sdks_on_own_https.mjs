// Two of Auth0's SDKs that call https://DOMAIN whatever they are given, unchanged, against fitgate
// serving https itself (FITGATE_TLS_CERT_FILE), its self-signed certificate trusted through
// NODE_EXTRA_CA_CERTS as the README's local recipe says: node-auth0 7's ManagementClient (a token
// for the client's credentials, then users and clients) and @auth0/auth0-auth-js (a client
// credentials token). Prints one JSON line (or {"error": ...}), then exits.
import { AuthClient } from '@auth0/auth0-auth-js';
import { ManagementClient } from 'auth0';
import { settings } from './app_process.mjs';

const { domain, clientId, clientSecret } = settings();

try {
  const management = new ManagementClient({ domain, clientId, clientSecret });
  const users = (await management.users.list()).data.map((user) => user.user_id);
  const clients = (await management.clients.list()).data.map((client) => client.client_id);
  const authClient = new AuthClient({ domain, clientId, clientSecret });
  const token = await authClient.getTokenByClientCredentials({ audience: `https://${domain}/api/v2/` });
  console.log(JSON.stringify({ users, clients, authJsToken: typeof token.accessToken === 'string' && token.accessToken.length > 0 }));
  process.exit(0);
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.message ?? error), cause: String(error?.cause?.message ?? ''), statusCode: error?.statusCode }));
  process.exit(0);
}
