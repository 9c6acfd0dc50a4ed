import { createHash } from 'node:crypto';

/** What fitgate's web_message page (views/login/web_message.eta) posts, to whom, and the script that does it. */
export interface WebMessage {
  /** The targetOrigin of the postMessage. */
  origin: string;
  /** The `response` of `{type: 'authorization_response', response}`. */
  response: Record<string, string>;
  /** Every <script> element, in order: its attributes as written and its text. */
  scripts: { attributes: string; text: string }[];
  /** 'sha256-...' of the first script, as a CSP names it. */
  scriptHash: string;
}

/**
 * Reads the web_message page as its script does (the data element's attributes, HTML-decoded).
 * Throws when the page is not one, so a test fails at the step that went wrong.
 */
export function readWebMessage(html: string): WebMessage {
  const data = /<div id="authorization-response" hidden data-origin="([^"]*)" data-response="([^"]*)"><\/div>/.exec(html);
  if (!data) throw new Error(`no web_message data in the page: ${html.slice(0, 300)}`);
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((match) => ({ attributes: match[1] ?? '', text: match[2] ?? '' }));
  return {
    origin: decode(data[1] ?? ''),
    response: JSON.parse(decode(data[2] ?? '')) as Record<string, string>,
    scripts,
    scriptHash: `'sha256-${createHash('sha256').update(scripts[0]?.text ?? '').digest('base64')}'`,
  };
}

/** One directive of a Content-Security-Policy header, without its name; undefined when absent. */
export function cspDirective(policy: string | undefined, name: string): string | undefined {
  const part = (policy ?? '').split(';').map((entry) => entry.trim()).find((entry) => entry === name || entry.startsWith(`${name} `));
  return part?.slice(name.length).trim();
}

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_match, entity: string) =>
    ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity] ?? '',
  );
}
