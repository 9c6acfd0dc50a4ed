import type { IncomingMessage, ServerResponse } from 'node:http';

const HEADER = Buffer.from('<header>');

/**
 * The notice naming `text`, as the bytes noticeOnPages puts in a page: built once per emulator,
 * not per page, and shared by every page, since noticeOnPages only copies it.
 */
export function pageNotice(text: string): Buffer {
  return Buffer.from(`<p class="banner banner-sandbox" role="status">${escapeHtml(text)}</p>`);
}

/**
 * Puts `notice` (pageNotice) at the top of every HTML page an emulator sends (consent, errors), in
 * its `<header>`. At `end`, where every body passes whether an emulator answers through Express or
 * node:http alone, while its length can still be set (PluginEmulator.handler says so to plugins).
 *
 * The notice goes in as bytes, next to the page's own, which are never decoded: a page in any
 * ASCII-based charset stays as it was, and the notice, all ASCII (escapeHtml), reads the same in it.
 * Left as sent: a body compressed (Content-Encoding), one already partly written, and one with no
 * `<header>`. A HEAD answer has no body to measure, so it goes without the length its GET would not
 * have; a body the handler sends chunked (its own Transfer-Encoding) gets no length either.
 */
export function noticeOnPages(res: ServerResponse, req: IncomingMessage, notice: Buffer): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    if (res.headersSent || !isPlainPage(res)) return end(...args);
    if (req.method === 'HEAD') {
      res.removeHeader('Content-Length');
      return end(...args);
    }
    const body = bytesOf(args[0], args[1]);
    const at = body?.indexOf(HEADER) ?? -1;
    if (!body || at === -1) return end(...args);
    const page = Buffer.concat([body.subarray(0, at + HEADER.length), notice, body.subarray(at + HEADER.length)]);
    if (res.hasHeader('Transfer-Encoding')) res.removeHeader('Content-Length');
    else res.setHeader('Content-Length', page.length);
    const callback = args.find((arg) => typeof arg === 'function');
    return callback ? end(page, callback) : end(page);
  }) as ServerResponse['end'];
}

/** An HTML page sent as it is: text/html, with no content coding but identity. */
function isPlainPage(res: ServerResponse): boolean {
  const coding = String(res.getHeader('Content-Encoding') ?? 'identity').trim().toLowerCase();
  return /^text\/html/i.test(String(res.getHeader('Content-Type') ?? '')) && coding === 'identity';
}

/** The bytes `end(chunk, encoding)` sends, as node reads them; undefined when there is no body. */
function bytesOf(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk !== 'string') return undefined;
  return Buffer.from(chunk, typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8');
}

// A plugin's display name is text; the emulator's pages are HTML in a charset of their own, so
// everything but printable ASCII goes as a character reference.
function escapeHtml(text: string): string {
  return text.replace(/[^\x20-\x7e]|[&<>"']/gu, (character) => `&#${character.codePointAt(0)};`);
}
