/**
 * CSS from a mail, made inert: @import rules go (they load other sheets), old script hooks
 * (expression(), behavior, -moz-binding) go, `content` and `position` declarations go, and every
 * url(…) is replaced by what `resolve` makes of it — a data URL for an inline (cid:) or allowed
 * remote image — or by nothing. Nothing in the result can make the mail view load anything on its
 * own.
 *
 * Consent to remote content is consent to pictures. So `resolve` is asked only for a url() that
 * can end up as an element's picture: the value of `background` or `background-image` in a style
 * attribute or in a plain rule of a style sheet. Every other url() — @font-face sources, filter,
 * clip-path and mask references, cursors, list markers, border images, url() inside @media,
 * @supports or any other at-rule, custom properties (`--x: url(…)`) — is dropped without asking
 * and reported in `dropped`.
 *
 * `content` goes because text drawn by CSS (a::before { content: "https://bank.example" }) is text
 * the link check never sees; `position` goes because a positioned element can lie over the rest of
 * the mail (an invisible link across the whole body).
 */
export interface CssRewrite {
  css: string;
  /** http(s) addresses the CSS wanted to load as pictures, whether `resolve` answered them or not. */
  remote: string[];
  /** http(s) addresses dropped without asking: not a picture of an element (fonts, SVG references, @media…). */
  dropped: string[];
}

export interface CssRewriteOptions {
  /** A style attribute (a declaration list) rather than a style sheet (rules). */
  inline?: boolean;
}

// A whole url(…) token, or else a url( that does not close (broken CSS), which must not survive either.
const URL_TOKEN = /url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)'"\s]*))\s*\)|url\s*\(/gi;
const IMPORT_RULE = /@import\b[^;]*;?/gi;
const SCRIPT_HOOKS = /expression\s*\(|behavior\s*:|-moz-binding\s*:|javascript\s*:/gi;
/** Declarations that draw text of their own or take an element out of the flow, to lie over others. */
const DROPPED_DECLARATIONS = /(^|[{;\s])(content|position|quotes)\s*:[^;{}]*/gi;
/** Where a picture may come from: an element's background. */
const PICTURE_PROPERTIES = new Set(['background', 'background-image']);

const SYNTAX = new Set(['\\', "'", '"', '(', ')', ';', '@', '{', '}', ':', '\n']);

/** Resolves CSS escapes (u\72l, \40import, u\rl…), dropping escaped characters that would change the syntax. */
function unescapeCss(value: string): string {
  return value.replace(/\\([0-9a-f]{1,6})\s?|\\([\s\S])/gi, (_m, hex: string | undefined, char: string | undefined) => {
    const code = hex ? Number.parseInt(hex, 16) : undefined;
    const literal = code !== undefined ? (code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '') : (char ?? '');
    return SYNTAX.has(literal) ? '' : literal;
  });
}

/**
 * Where a position in CSS stands: inside which blocks (a rule, or an at-rule by name) and which
 * declaration's property. Advanced forward only, one character at a time, skipping strings.
 */
class CssCursor {
  private at = 0;
  private readonly blocks: string[] = [];
  private statementStart = 0;

  constructor(private readonly css: string) {}

  /** The context of the url() starting at `offset` (offsets must not decrease). */
  contextAt(offset: number): { blocks: readonly string[]; property: string } {
    const { css } = this;
    while (this.at < offset) {
      const char = css[this.at]!;
      if (char === '"' || char === "'") {
        const end = css.indexOf(char, this.at + 1);
        this.at = end < 0 || end >= offset ? offset : end + 1;
        continue;
      }
      if (char === '{') {
        const prelude = css.slice(this.statementStart, this.at).trim();
        this.blocks.push(prelude.startsWith('@') ? (/^@[-\w]+/.exec(prelude)?.[0] ?? '@').toLowerCase() : 'rule');
        this.statementStart = this.at + 1;
      } else if (char === '}') {
        this.blocks.pop();
        this.statementStart = this.at + 1;
      } else if (char === ';') this.statementStart = this.at + 1;
      this.at++;
    }
    const statement = css.slice(this.statementStart, offset);
    const colon = statement.indexOf(':');
    return { blocks: [...this.blocks], property: colon < 0 ? '' : statement.slice(0, colon).trim().toLowerCase() };
  }
}

/** True where a url() can be an element's picture: a background in a style attribute or a plain rule. */
function isPicture(context: { blocks: readonly string[]; property: string }, inline: boolean): boolean {
  if (!PICTURE_PROPERTIES.has(context.property)) return false;
  return inline ? context.blocks.length === 0 : context.blocks.length === 1 && context.blocks[0] === 'rule';
}

export function rewriteCssUrls(css: string, resolve: (url: string) => string | undefined, options: CssRewriteOptions = {}): CssRewrite {
  const remote: string[] = [];
  const dropped: string[] = [];
  const cleaned = css
    // CSS escapes could spell "@import" or "url(" in ways the patterns below would miss.
    .replace(/\\[0-9a-f]{1,6}\s?|\\[\s\S]/gi, unescapeCss)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(IMPORT_RULE, '')
    .replace(SCRIPT_HOOKS, 'blocked-');
  const cursor = new CssCursor(cleaned);
  const rewritten = cleaned
    .replace(URL_TOKEN, (_match, double: string | undefined, single: string | undefined, bare: string | undefined, offset: number) => {
      if (double === undefined && single === undefined && bare === undefined) return 'blocked(';
      const raw = (double ?? single ?? bare ?? '').trim();
      const url = raw.startsWith('//') ? `https:${raw}` : raw;
      const isRemote = /^https?:/i.test(url);
      if (!isPicture(cursor.contextAt(offset), Boolean(options.inline))) {
        if (isRemote) dropped.push(url);
        return 'none';
      }
      if (isRemote) remote.push(url);
      const replacement = resolve(url);
      // The resolver hands back data URLs it built itself (base64 of a known image type); quote them anyway.
      return replacement && /^data:image\/[a-z]+;base64,[A-Za-z0-9+/=]*$/.test(replacement) ? `url("${replacement}")` : 'none';
    })
    .replace(/image-set\s*\(/gi, 'blocked(')
    .replace(DROPPED_DECLARATIONS, '$1');
  return { css: rewritten, remote, dropped };
}

/** The declarations of a style attribute or a rule's body, property lower case, last one last. */
export function declarations(body: string): [property: string, value: string][] {
  const out: [string, string][] = [];
  for (const part of body.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    out.push([part.slice(0, colon).trim().toLowerCase(), part.slice(colon + 1).replace(/!important/i, '').trim().toLowerCase()]);
  }
  return out;
}

/** The plain rules of a (rewritten) style sheet, at any depth: selector and declarations. */
export function styleRules(css: string): { selector: string; body: string }[] {
  return [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ selector: m[1]!.trim(), body: m[2]! }));
}
