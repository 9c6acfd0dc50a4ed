/**
 * What a browser submits for an application's settings page left as it was rendered: the name input's
 * value, each URL textarea's text, the Back-Channel Logout URL input's value where the page has
 * one, and the Grant Types (the hidden fields naming the boxes shown and those ticked, and each
 * ticked box's value). Without a browser, so it follows what HTML says one does: entities are
 * decoded; a text input's value loses its line breaks (the value sanitization of type=text); a
 * textarea's line breaks are sent as CRLF; an unticked checkbox is not sent.
 */
export function settingsFormAsRendered(html: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = { name: stripLineBreaks(decode(attribute(html, 'name', 'value'))) };
  for (const field of ['callbacks', 'allowed_logout_urls', 'web_origins', 'allowed_origins']) {
    const text = new RegExp(`<textarea id="${field}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1];
    if (text !== undefined) form[field] = decode(text).replace(/\r?\n/g, '\r\n');
  }
  if (html.includes('<input id="backchannel_logout_urls"')) form.backchannel_logout_urls = stripLineBreaks(decode(attribute(html, 'backchannel_logout_urls', 'value')));
  for (const match of html.matchAll(/<input type="hidden" name="(grant_types_shown|grant_types_held)" value="([^"]*)">/g)) form[match[1]!] = decode(match[2]!);
  const ticked = [...html.matchAll(/<input type="checkbox" name="grant_types" value="([^"]+)"[^>]* checked/g)].map((match) => match[1]!);
  if (ticked.length > 0) form.grant_types = ticked;
  return form;
}

function attribute(html: string, id: string, name: string): string {
  const tag = new RegExp(`<input id="${id}"[^>]*>`).exec(html)?.[0];
  const value = tag && new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1];
  if (value === undefined) throw new Error(`no <input id="${id}"> with ${name} in the page`);
  return value;
}

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#34|#39);/g, (_entity, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#34': '"', '#39': "'" })[name]!);
}

function stripLineBreaks(value: string): string {
  return value.replace(/[\r\n]/g, '');
}
