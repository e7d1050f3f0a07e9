import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../architecture/import-rules';

/**
 * Electron implements neither prompt nor alert nor confirm (electron/electron#472): a call there
 * returns nothing and the action silently dies. The renderer asks through its own dialog
 * (renderer/ui/useDialog.ts) instead; this test fails at the first native call.
 */
const NATIVE = [
  /\b(?:window|globalThis|self|top|parent)\s*\.\s*(?:prompt|alert|confirm)\b/,
  // A bare call: not a method of something else (dialog.prompt) and not a declaration.
  /(?<![\w$.]|function\s)(?:prompt|alert|confirm)\s*\(/,
];

export function nativeDialogCalls(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (NATIVE.some((pattern) => pattern.test(line))) found.push(`${index + 1}: ${line.trim()}`);
  });
  return found;
}

describe('the renderer never uses the browser’s own dialogs', () => {
  it('recognises native calls and lets in-app ones through', () => {
    expect(nativeDialogCalls("if (window.confirm('x')) go();")).toHaveLength(1);
    expect(nativeDialogCalls("const name = prompt('Name');")).toHaveLength(1);
    expect(nativeDialogCalls("alert(error.message);")).toHaveLength(1);
    expect(nativeDialogCalls('const a = globalThis.alert;')).toHaveLength(1);
    expect(nativeDialogCalls("await dialog.confirm('x'); await dialog.prompt('y'); dialog.alert('z');")).toEqual([]);
    expect(nativeDialogCalls('function confirm(message: string) {}')).toEqual([]);
  });

  it('finds none in renderer/', () => {
    const root = path.resolve(__dirname, '../../../renderer');
    const files = sourceFiles(root);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((file) => nativeDialogCalls(readFileSync(file, 'utf8')).map((hit) => `${path.relative(root, file)}:${hit}`));
    expect(offenders).toEqual([]);
  });
});
