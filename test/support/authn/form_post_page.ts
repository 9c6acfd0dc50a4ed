/** What a form_post response page submits: its form's action and hidden fields. */
export interface FormPost {
  action: string;
  fields: Record<string, string>;
}

/**
 * Reads fitgate's form_post page (views/login/form_post.eta) as a browser would submit it. Throws
 * when the page holds no such form, so a test fails at the step that went wrong.
 */
export function readFormPost(html: string): FormPost {
  const form = /<form id="form-post" method="post" action="([^"]*)">([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`no form_post form in the page: ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const input of (form[2] ?? '').matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[decode(input[1] ?? '')] = decode(input[2] ?? '');
  }
  return { action: decode(form[1] ?? ''), fields };
}

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_match, entity: string) =>
    ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity] ?? '',
  );
}
