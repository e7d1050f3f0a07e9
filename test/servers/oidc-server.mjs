// A real OAuth 2 / OpenID Connect server for the tests, on 127.0.0.1 only: oidc-provider (npm) with
//  - the public native client 'postbote-test' (PKCE S256 required, loopback redirect on any port, RFC 8252),
//    refresh tokens (scope offline_access), revocation (RFC 7009);
//  - the confidential client 'dovecot' / 'dovecot-secret', which may only introspect tokens (RFC 7662);
//  - a login page and a consent page a test (or the e2e) fills in: user olivia, password olivia-pw;
//  - short-lived access tokens (OIDC_ACCESS_TOKEN_TTL seconds, default 8) for the expiry tests.
//   node oidc-server.mjs --port PORT
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
const accessTtl = Number(process.env.OIDC_ACCESS_TOKEN_TTL ?? 8);
const users = new Map([['olivia', 'olivia-pw']]);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'postbote-test',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1/oauth/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
    { client_id: 'dovecot', client_secret: 'dovecot-secret', grant_types: [], redirect_uris: [], response_types: [] },
  ],
  features: {
    devInteractions: { enabled: false },
    // Only the mail server (Dovecot) may ask whether a token is active; a client revokes only its own tokens.
    introspection: { enabled: true, allowedPolicy: async (_ctx, client) => client.clientId === 'dovecot' },
    revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  scopes: ['openid', 'offline_access', 'email'],
  claims: { openid: ['sub'], email: ['email'] },
  ttl: { AccessToken: accessTtl, AuthorizationCode: 60, RefreshToken: 24 * 3600, Grant: 24 * 3600, Interaction: 600, Session: 3600, IdToken: 3600 },
  pkce: { required: () => true },
  cookies: { keys: ['postbote-test-cookie-key'] },
  async findAccount(_ctx, id) {
    if (!users.has(id)) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, email: `${id}@oauth.test` }) };
  },
});

const page = (title, body) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

async function readForm(request) {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > 64 * 1024) throw new Error('form too large');
  }
  return Object.fromEntries(new URLSearchParams(text));
}

async function interaction(request, response, uid, action) {
  const details = await provider.interactionDetails(request, response);
  const { prompt, params } = details;
  if (request.method === 'GET' && !action) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    if (prompt.name === 'login') {
      return response.end(page('Sign in', `<form method="post" action="/interaction/${uid}/login">
  <input type="text" name="login" autocomplete="username" value="${escape(params.login_hint?.split('@')[0] ?? '')}">
  <input type="password" name="password" autocomplete="current-password">
  <button type="submit">Sign in</button></form>`));
    }
    return response.end(page('Allow access', `<p>${escape(params.client_id)} asks for: ${escape(params.scope)}</p>
<form method="post" action="/interaction/${uid}/confirm"><button type="submit">Allow</button></form>`));
  }
  const form = await readForm(request);
  if (action === 'login') {
    if (users.get(form.login) !== form.password) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(page('Sign in', `<p class="error">Wrong user name or password.</p><form method="post" action="/interaction/${uid}/login">
  <input type="text" name="login"><input type="password" name="password"><button type="submit">Sign in</button></form>`));
    }
    return provider.interactionFinished(request, response, { login: { accountId: form.login } }, { mergeWithLastSubmission: false });
  }
  if (action === 'confirm') {
    const { details: missing } = prompt;
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    if (missing.missingResourceScopes) for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes)) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    return provider.interactionFinished(request, response, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  response.writeHead(404).end();
}

const callback = provider.callback();
const server = http.createServer((request, response) => {
  const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|confirm))?$/.exec(new URL(request.url ?? '/', issuer).pathname);
  if (!match) return callback(request, response);
  interaction(request, response, match[1], match[2]).catch((error) => {
    process.stderr.write(`interaction failed: ${error?.stack ?? error}\n`);
    if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain' });
    response.end(String(error?.message ?? error));
  });
});
provider.on('server_error', (_ctx, error) => process.stderr.write(`server_error: ${error?.stack ?? error}\n`));
server.listen(port, '127.0.0.1', () => process.stdout.write(`oidc-server ${issuer} (access tokens live ${accessTtl} s)\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
