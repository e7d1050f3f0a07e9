/**
 * The window's policy: the Electron shell enforces it on app://, the bridge sends it as a header in
 * browser mode. Nothing remote,
 * ever: a mail's remote images reach its view as data fetched by main after consent. Mail bodies
 * live in sandboxed srcdoc frames, which inherit this policy, so their inline styles need
 * 'unsafe-inline' here (the app's own markup is Vue-rendered text, never injected HTML), and
 * frame-src 'none' turns every navigation a mail link tries into a violation the reading pane
 * handles itself.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
