/** Plain text cut into text and links, so the pane can render links without ever interpreting markup. */
export type TextPiece = { text: string; href?: undefined } | { text: string; href: string };

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+|\bmailto:[^\s<>"'`]+|\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b/g;
// Closing punctuation is usually the sentence's, not the link's ("see https://x.org/a.").
const TRAILING = /[.,;:!?)\]}'"»]+$/;

function balanced(url: string): string {
  let trimmed = url.replace(TRAILING, '');
  // Keep a closing parenthesis the link opened itself (Wikipedia-style URLs).
  if (url.slice(trimmed.length).startsWith(')') && (trimmed.match(/\(/g)?.length ?? 0) > (trimmed.match(/\)/g)?.length ?? 0)) trimmed += ')';
  return trimmed;
}

export function linkify(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const raw = balanced(match[0]);
    if (!raw) continue;
    const start = match.index;
    if (start > last) pieces.push({ text: text.slice(last, start) });
    const href = raw.startsWith('www.') ? `https://${raw}` : /^(https?|mailto):/i.test(raw) ? raw : `mailto:${raw}`;
    pieces.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
