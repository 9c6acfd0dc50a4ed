import { describe, expect, it } from '@jest/globals';
import { createViews } from '../../../src/http/views.js';

describe('views', () => {
  const views = createViews();
  const page = (data: Record<string, unknown> = {}) =>
    views.render('errors/error', { title: 'Not allowed', description: 'd', advice: 'a', code: 'c', status: 403, ...data });

  it('renders a page inside the layout, with the title and the stylesheet', () => {
    const html = page();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Not allowed · fitgate</title>');
    expect(html).toContain('<link rel="stylesheet" href="/static/css/fitgate.css">');
    expect(html).not.toContain('Sandbox');
  });

  it('escapes every value a template prints', () => {
    const html = page({ description: '<img src=x onerror=alert(1)>', title: '"><script>x</script>' });
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<script>x</script>');
  });

  it('shows the tenant and, in sandbox mode, the sandbox banner partial with the text it is given', () => {
    const html = page({ sandboxNotice: 'Sandbox: no real Acme <Band> account is used.', tenantName: 'acme' });
    expect(html).toContain('<p class="banner banner-sandbox" role="status">Sandbox: no real Acme &lt;Band&gt; account is used.</p>');
    expect(html).toContain('<strong>acme</strong>');
  });

  it('loads scripts only as external files from the list it is given', () => {
    const html = page({ scripts: ['/static/js/copy.js'] });
    expect(html).toContain('<script src="/static/js/copy.js" defer></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
