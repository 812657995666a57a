import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** inject()'s Host is localhost:80: a browser on the API's own origin sends this Origin (see plugins/csrf.ts). */
export const SAME_ORIGIN = 'http://localhost:80';

/** A browser stand-in for inject(): keeps the session cookie between requests. */
export class Agent {
  cookie: string | undefined;

  private readonly app: App;
  private readonly defaults: { headers?: Record<string, string> };

  constructor(app: App, defaults: { headers?: Record<string, string> } = {}) {
    this.app = app;
    this.defaults = defaults;
  }

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const options: InjectOptions = {
      method,
      url,
      headers: {
        origin: SAME_ORIGIN,
        ...this.defaults.headers,
        ...headers,
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
    };
    if (body !== undefined) options.payload = body as InjectOptions['payload'];
    const response = await this.app.inject(options);
    this.remember(response);
    return response;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', url, body, headers);
  patch = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PATCH', url, body, headers);
  put = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PUT', url, body, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);

  private remember(response: LightMyRequestResponse) {
    const session = response.cookies.find((cookie) => cookie.name === 'mentor.sid');
    if (!session) return;
    this.cookie =
      session.value && session.maxAge !== 0 && !isPast(session.expires) ? `mentor.sid=${session.value}` : undefined;
  }
}

function isPast(expires: Date | undefined): boolean {
  return expires !== undefined && new Date(expires).getTime() <= Date.now();
}

/** What a browser sends when it opens a link: email links answer it with a page. */
export const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

export const STRONG_PASSWORD = 'Correct-horse-9';

/** Signs up a new account through the API and returns the logged-in agent and the user body. */
export async function signUp(app: App, email: string, userType: 'mentor' | 'mentee' | 'admin' = 'mentee') {
  const agent = new Agent(app);
  const response = await agent.post('/api/auth/signup', {
    email,
    password: STRONG_PASSWORD,
    user_type: userType === 'admin' ? 'mentee' : userType,
  });
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.statusCode} ${response.body}`);
  return { agent, user: response.json() as { id: string; email: string; profile_id: string | null } };
}
