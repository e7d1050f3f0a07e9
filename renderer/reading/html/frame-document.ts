/**
 * The document a mail's HTML is shown in: a sandboxed srcdoc frame (no scripts, no same origin,
 * no forms, no popups) whose own policy allows nothing but inline styles and data: images. The
 * frame also inherits the app's policy, so both must agree before anything loads.
 */
export const FRAME_POLICY = [
  "default-src 'none'",
  'img-src data:',
  "style-src 'unsafe-inline'",
  'font-src data:',
  "media-src 'none'",
  "script-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "worker-src 'none'",
  "connect-src 'none'",
  "manifest-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

const BASE_STYLE = [
  'html { color-scheme: light; }',
  'body { margin: 12px 16px; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1d2430; background: #fff; overflow-wrap: anywhere; }',
  'img { max-width: 100%; height: auto; }',
  'img[data-blocked] { outline: 1px dashed #b8c0cc; background: #f3f5f8; min-width: 16px; min-height: 16px; }',
  'img[data-blocked="tracker"] { display: none !important; }',
  'pre { white-space: pre-wrap; }',
].join('\n');

/** `styles` and `body` come from the sanitizer: style text with nothing to load, a body element serialized by the DOM. */
export function frameDocument(styles: string, body: string): string {
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${FRAME_POLICY}">`,
    '<meta name="referrer" content="no-referrer">',
    `<style>${BASE_STYLE}</style>`,
    styles ? `<style>${styles}</style>` : '',
    `</head>${body}</html>`,
  ].join('');
}
