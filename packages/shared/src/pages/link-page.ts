import { html, raw } from '../email/html.js';
import type { EmailLocale } from '../email/message.js';
import type { PageCopy } from './link-outcomes.js';

/**
 * A small self-contained page (no script, one inline style sheet: the API's CSP allows exactly that) in the
 * product's colours, with one way back into the app. Every value is escaped.
 */
export function renderLinkPage(copy: PageCopy, locale: EmailLocale, appUrl: string): string {
  const dir = locale === 'ar' ? 'rtl' : 'ltr';
  const href = `${appUrl.replace(/\/+$/, '')}${copy.action.path}`;
  const paragraphs = raw(copy.paragraphs.map((paragraph) => html`<p>${paragraph}</p>`.html).join('\n'));
  return html`<!doctype html>
<html lang="${locale}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${copy.title} · MentorConnect</title>
<style>
body{margin:0;background:#f6f8fa;font-family:system-ui,-apple-system,"Segoe UI",Tahoma,Arial,sans-serif;color:#1f2328}
main{max-width:520px;margin:64px auto;padding:32px 28px;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.brand{margin:0 0 24px;font-weight:700;color:#1f6feb}
h1{margin:0 0 16px;font-size:22px;line-height:1.3}
p{margin:0 0 14px;font-size:15px;line-height:1.6}
a.action{display:inline-block;margin-top:12px;padding:11px 20px;border-radius:6px;background:#1f6feb;color:#fff;text-decoration:none}
</style>
</head>
<body>
<main>
<p class="brand">MentorConnect</p>
<h1>${copy.title}</h1>
${paragraphs}
<a class="action" href="${href}">${copy.action.label}</a>
</main>
</body>
</html>
`.html;
}
