/**
 * CSS from a mail, made inert: @import rules go (they load other sheets), old script hooks
 * (expression(), behavior, -moz-binding) go, and every url(…) is replaced by what `resolve` makes
 * of it — a data URL for an inline (cid:) or allowed remote image — or by nothing. Nothing in the
 * result can make the mail view load anything on its own.
 */
export interface CssRewrite {
  css: string;
  /** http(s) addresses the CSS wanted to load, whether `resolve` answered them or not. */
  remote: string[];
}

// A whole url(…) token, or else a url( that does not close (broken CSS), which must not survive either.
const URL_TOKEN = /url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)'"\s]*))\s*\)|url\s*\(/gi;
const IMPORT_RULE = /@import\b[^;]*;?/gi;
const SCRIPT_HOOKS = /expression\s*\(|behavior\s*:|-moz-binding\s*:|javascript\s*:/gi;

const SYNTAX = new Set(['\\', "'", '"', '(', ')', ';', '@', '{', '}', ':', '\n']);

/** Resolves CSS escapes (u\72l, \40import, u\rl…), dropping escaped characters that would change the syntax. */
function unescapeCss(value: string): string {
  return value.replace(/\\([0-9a-f]{1,6})\s?|\\([\s\S])/gi, (_m, hex: string | undefined, char: string | undefined) => {
    const code = hex ? Number.parseInt(hex, 16) : undefined;
    const literal = code !== undefined ? (code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '') : (char ?? '');
    return SYNTAX.has(literal) ? '' : literal;
  });
}

export function rewriteCssUrls(css: string, resolve: (url: string) => string | undefined): CssRewrite {
  const remote: string[] = [];
  const rewritten = css
    // CSS escapes could spell "@import" or "url(" in ways the patterns below would miss.
    .replace(/\\[0-9a-f]{1,6}\s?|\\[\s\S]/gi, unescapeCss)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(IMPORT_RULE, '')
    .replace(SCRIPT_HOOKS, 'blocked-')
    .replace(URL_TOKEN, (_match, double: string | undefined, single: string | undefined, bare: string | undefined) => {
      if (double === undefined && single === undefined && bare === undefined) return 'blocked(';
      const url = (double ?? single ?? bare ?? '').trim();
      if (/^https?:/i.test(url) || url.startsWith('//')) remote.push(url.startsWith('//') ? `https:${url}` : url);
      const replacement = resolve(url.startsWith('//') ? `https:${url}` : url);
      return replacement ? `url("${replacement}")` : 'none';
    })
    .replace(/image-set\s*\(/gi, 'blocked(');
  return { css: rewritten, remote };
}
