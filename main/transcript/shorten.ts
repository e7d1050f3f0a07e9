/**
 * The first `max` characters and the original length. The result is a copy: V8 keeps a slice's
 * whole parent string alive, and a transcript of short lines must not hold on to long ones.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  return JSON.parse(JSON.stringify(`${text.slice(0, max)}… (${text.length} chars)`)) as string;
}
