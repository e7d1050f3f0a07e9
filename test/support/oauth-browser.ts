/**
 * Plays the user's browser for an authorization-code sign-in at the test OIDC server, with plain
 * HTTP requests: follows redirects keeping cookies, fills the login form (user and password) and
 * the consent form, and stops after the redirect to Postbote's loopback address has been delivered.
 */
export async function driveSignIn(authorizationUrl: string, credentials: { login: string; password: string }, limit = 20): Promise<void> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let method = 'GET';
  let body: URLSearchParams | undefined;
  for (let step = 0; step < limit; step++) {
    const target = new URL(url);
    const isLoopbackCallback = target.hostname === '127.0.0.1' && target.pathname === '/oauth/callback';
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
      headers: { ...(jar.size && !isLoopbackCallback ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(body ? { body } : {}),
    });
    if (isLoopbackCallback) {
      await response.text();
      if (response.status !== 200) throw new Error(`the loopback redirect answered ${response.status}`);
      return;
    }
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, pair.slice(eq + 1));
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).toString();
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/i.exec(html)?.[1];
    if (!action) throw new Error(`no form to fill at ${url} (${response.status}): ${html.slice(0, 300)}`);
    if (/class="error"/.test(html)) throw new Error('the sign-in page refused the user name or password');
    url = new URL(action, url).toString();
    method = 'POST';
    body = /name="password"/.test(html) ? new URLSearchParams(credentials) : new URLSearchParams();
  }
  throw new Error(`sign-in did not finish within ${limit} steps`);
}
