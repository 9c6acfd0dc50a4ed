/** Minimal HTML helpers for the emulator's two pages; every interpolated value goes through escapeHtml. */

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Pages have no scripts at all; the only inline content is this stylesheet (allowed by the page's CSP). */
const STYLE = `
*{box-sizing:border-box}
body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;line-height:1.45}
p,li,label,code{overflow-wrap:anywhere}
select{max-width:100%;font:inherit;padding:.35rem}
.hint{color:#555;font-size:.85rem}
header{border-bottom:1px solid #ddd;margin-bottom:1rem}
.banner{font-size:.85rem;color:#555}
fieldset{border:1px solid #ddd;border-radius:.5rem;margin:1rem 0;padding:.75rem 1rem}
label{display:block;margin:.35rem 0}
code{font-size:.85rem}
.actions{display:flex;gap:1rem}
button{font-size:1rem;padding:.5rem 1.25rem;border-radius:.4rem;border:1px solid #888;background:#fff;cursor:pointer}
button[value=approve]{background:#00747f;border-color:#00747f;color:#fff}
.error{border-left:4px solid #c00;padding:.5rem 1rem;background:#fff5f5}`;

export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header><p class="banner">Emulator: a stand-in for the real service, for development and tests only.</p></header>
<main>
${body}
</main>
</body>
</html>`;
}

/** No scripts, no framing, no third-party anything; the form submits to this page's own origin. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";
