import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keymap } from '../../../renderer/shortcuts/keymap';

const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Keyboard, selection and Undo'), readme.indexOf('**Selection.**'));
const shown = (key: string) => key.replace('ArrowDown', '↓').replace('ArrowUp', '↑');

describe('the README’s shortcut table', () => {
  it('lists every key of the keymap', () => {
    const missing = keymap.flatMap((binding) =>
      binding.keys.filter((key) => {
        const [first, second] = key.split(' ');
        return second ? !new RegExp(`\`${first}\` then [^|]*\`${second}\``).test(section) : !section.includes(`\`${shown(key)}\``);
      }),
    );
    expect(missing).toEqual([]);
  });
});
