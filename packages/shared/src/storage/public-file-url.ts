import type { Config } from '../config.js';

/** The URL a stored file is served at: the CDN when PUBLIC_FILES_BASE_URL is set, else the API's /uploads. */
export function publicFileUrl(config: Pick<Config, 'PUBLIC_FILES_BASE_URL'>, key: string): string {
  const base = config.PUBLIC_FILES_BASE_URL?.replace(/\/+$/, '');
  return base ? `${base}/${key}` : `/uploads/${key}`;
}
