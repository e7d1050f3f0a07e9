import { declarations, styleRules } from './css-urls';

/**
 * What in a mail nobody can see, from its style attributes and style sheets: one rule for
 * tracking pixels (an image that cannot be seen is there to report the opening, not to be looked
 * at) and for links (a link nobody sees, or one whose text is hidden, is no link to follow).
 *
 * An element cannot be seen when it or any ancestor has display:none, visibility:hidden or
 * collapse, opacity 0 (or nearly), a width, height, max-width or max-height of zero, a transform
 * that scales it to nothing, or the hidden attribute; an image also when it is at most 3 px wide or
 * high (attributes, style attribute, or any matching rule). Rules count whatever their selector's
 * specificity or media: a doubt makes an image a tracker, never a picture.
 */
type Declarations = [property: string, value: string][];

const ZERO = /^-?0*(\.0+)?([a-z%]+)?$/;
const TINY_PX = /^(\d+(?:\.\d+)?)(px)?$/;

function hides([property, value]: [string, string]): boolean {
  switch (property) {
    case 'display':
      return /^none\b/.test(value);
    case 'visibility':
      return /^(hidden|collapse)\b/.test(value);
    case 'opacity': {
      const number = value.endsWith('%') ? Number.parseFloat(value) / 100 : Number.parseFloat(value);
      return Number.isFinite(number) && number < 0.05;
    }
    case 'width':
    case 'height':
    case 'max-width':
    case 'max-height':
      return ZERO.test(value);
    case 'transform':
      return /scale[xy3d]*\(\s*0*(\.0+)?\s*[,)]/.test(value);
    case 'font-size':
      return false;
    default:
      return false;
  }
}

function tinyImage([property, value]: [string, string]): boolean {
  if (!['width', 'height', 'max-width', 'max-height'].includes(property)) return false;
  const match = TINY_PX.exec(value);
  return ZERO.test(value) || (match !== null && Number(match[1]) <= 3);
}

/** Text hidden by a zero font size is still text nobody reads. */
const hidesText = (declaration: [string, string]) => hides(declaration) || (declaration[0] === 'font-size' && ZERO.test(declaration[1]));

export class Visibility {
  private readonly rules: { selector: string; declarations: Declarations }[];
  private readonly hiddenCache = new Map<Element, boolean>();

  constructor(sheets: readonly string[]) {
    this.rules = sheets
      .flatMap(styleRules)
      .map(({ selector, body }) => ({ selector, declarations: declarations(body) }))
      .filter((rule) => rule.declarations.some((d) => hidesText(d) || tinyImage(d)));
  }

  /** The element's own declarations: from matching rules, then its style attribute. */
  private declarationsOf(element: Element): Declarations {
    const out: Declarations = [];
    for (const rule of this.rules) {
      try {
        if (element.matches(rule.selector)) out.push(...rule.declarations);
      } catch {
        // Not a selector the browser knows (an @-rule's prelude, a broken one): it matches nothing.
      }
    }
    const style = element.getAttribute('style');
    if (style) out.push(...declarations(style));
    return out;
  }

  /** The element or an ancestor cannot be seen. */
  hidden(element: Element): boolean {
    const known = this.hiddenCache.get(element);
    if (known !== undefined) return known;
    const own = element.hasAttribute('hidden') || this.declarationsOf(element).some(hides);
    const result = own || (element.parentElement ? this.hidden(element.parentElement) : false);
    this.hiddenCache.set(element, result);
    return result;
  }

  /** An image sized (by attribute, style or rule) to at most 3 px in one direction. */
  tiny(element: Element): boolean {
    const attribute = (name: string) => {
      const value = element.getAttribute(name)?.trim().toLowerCase();
      return value !== undefined && tinyImage([name, value]);
    };
    return attribute('width') || attribute('height') || this.declarationsOf(element).some(tinyImage);
  }

  /** The text a reader sees of an element: hidden descendants (and zero-size text) left out. */
  visibleText(element: Element): string {
    let text = '';
    const walk = (node: Node): void => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) text += child.nodeValue ?? '';
        else if (child.nodeType === 1) {
          const el = child as Element;
          if (this.hidden(el) || this.declarationsOf(el).some(hidesText)) continue;
          if (el.tagName === 'IMG') text += el.getAttribute('alt') ?? '';
          walk(el);
        }
      }
    };
    walk(element);
    return text;
  }
}
