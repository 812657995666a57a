import { html, raw, type SafeHtml } from './html.js';
import type { EmailLocale, RenderedEmail } from './message.js';

/** What a template says; the layout turns it into HTML (every value escaped) and plain text. */
export interface EmailCopy {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  signOff: string;
}

export function renderLayout(copy: EmailCopy, locale: EmailLocale): RenderedEmail {
  const dir = locale === 'ar' ? 'rtl' : 'ltr';
  const align = dir === 'rtl' ? 'right' : 'left';
  const paragraphs = copy.paragraphs.map((paragraph) => html`<p style="margin:0 0 16px">${paragraph}</p>`);
  const action: SafeHtml = copy.action
    ? html`<p style="margin:24px 0"><a href="${copy.action.url}" style="background:#1f6feb;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${copy.action.label}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555555">${copy.action.url}</p>`
    : raw('');
  const body = html`<!doctype html>
<html lang="${locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${copy.subject}</title></head>
<body style="margin:0;padding:0;background:#f6f8fa">
<div dir="${dir}" style="max-width:560px;margin:0 auto;padding:32px 24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.6;color:#1f2328;text-align:${align}">
<p style="margin:0 0 16px">${copy.greeting}</p>
${raw(paragraphs.map((paragraph) => paragraph.html).join('\n'))}
${action}
<p style="margin:24px 0 0">${copy.signOff}</p>
</div>
</body>
</html>`;
  const text = [
    copy.greeting,
    '',
    ...copy.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...(copy.action ? [`${copy.action.label}: ${copy.action.url}`, ''] : []),
    copy.signOff,
  ].join('\n');
  // A subject is a header: a line break in a name must not start another one.
  return { subject: copy.subject.replace(/[\r\n]+/g, ' '), html: body.html, text };
}
