import type { FitbitApi } from './api.js';

/** How each API is named in what a client or an admin reads (fitgate's UpstreamWording). */
export function wording(api: FitbitApi): { name: string; gone: string } {
  return {
    name: api === 'google-health' ? 'Google' : 'Fitbit',
    gone: 'The legacy Fitbit API is shut down (HTTP 410 Gone); an administrator must switch this connection to google-health.',
  };
}
