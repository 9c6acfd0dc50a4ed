import type { UpstreamAnswer, UpstreamFetch } from '../../../../src/connections/plugin.js';

/** One call the shared client made through the port, as the upstream would receive it. */
export interface RecordedCall {
  readonly operation: string;
  readonly url: string;
  readonly method: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly form: Readonly<Record<string, string>>;
}

/** A port that answers every call with `answer` and records it, without any network. */
export function recordingPort(answer: UpstreamAnswer): { calls: RecordedCall[]; upstreamFetch: UpstreamFetch } {
  const calls: RecordedCall[] = [];
  const upstreamFetch: UpstreamFetch = async (operation, url, init = {}) => {
    const body = typeof init.body === 'string' ? init.body : (init.body?.toString() ?? '');
    calls.push({ operation, url, method: init.method, headers: { ...init.headers }, form: Object.fromEntries(new URLSearchParams(body)) });
    return answer;
  };
  return { calls, upstreamFetch };
}
