/**
 * The Back-Channel Logout URL field of a rendered application page, read as a browser would: the
 * input's tag, its value (entities decoded) and the error shown next to it.
 */
export function backchannelInputOf(html: string): string | undefined {
  return /<input id="backchannel_logout_urls"[^>]*>/.exec(html)?.[0];
}

export function backchannelValueOf(html: string): string | undefined {
  const value = / value="([^"]*)"/.exec(backchannelInputOf(html) ?? '')?.[1];
  return value === undefined ? undefined : decode(value);
}

export function backchannelErrorOf(html: string): string | undefined {
  const text = /<p class="field-error" id="backchannel_logout_urls-error">([^<]*)<\/p>/.exec(html)?.[1];
  return text === undefined ? undefined : decode(text);
}

/** The settings form of an interactive application with no URLs, `fields` typed over it. */
export function settingsForm(name: string, fields: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return { name, callbacks: '', allowed_logout_urls: '', web_origins: '', allowed_origins: '', backchannel_logout_urls: '', ...fields };
}

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#34|#39);/g, (_entity, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#34': '"', '#39': "'" })[name]!);
}
