import type { Config } from '@mentorconnect/shared/config';

/** The one script the client loads from elsewhere: Cal.com's embed, which opens its scheduler in a frame. */
export const CALCOM_EMBED_SCRIPT = 'https://app.cal.com/embed/embed.js';
const CALCOM_FRAMES = 'https://app.cal.com';
/** The font hosts the client's index.html links: Google Fonts and Fontshare (stylesheet host, then font host). */
const FONT_STYLESHEETS = ['https://fonts.googleapis.com', 'https://api.fontshare.com'];
const FONT_FILES = ['https://fonts.gstatic.com', 'https://cdn.fontshare.com'];

/**
 * The Content-Security-Policy of the served client's HTML pages (WEB_DIST_DIR): exactly what that client loads.
 * Its own bundles, the Cal.com embed script and frames, the font hosts, and images from here or the public
 * files host. Styles may be inline: the UI library and the Cal.com embed insert <style> elements. Everything
 * else keeps the API's strict policy (plugins/security-headers.ts).
 */
export function pageContentSecurityPolicy(config: Pick<Config, 'PUBLIC_FILES_BASE_URL'>): string {
  const filesOrigin = config.PUBLIC_FILES_BASE_URL ? [new URL(config.PUBLIC_FILES_BASE_URL).origin] : [];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", CALCOM_EMBED_SCRIPT],
    'style-src': ["'self'", "'unsafe-inline'", ...FONT_STYLESHEETS],
    'font-src': ["'self'", 'data:', ...FONT_FILES],
    'img-src': ["'self'", 'data:', ...filesOrigin],
    'frame-src': [CALCOM_FRAMES],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
