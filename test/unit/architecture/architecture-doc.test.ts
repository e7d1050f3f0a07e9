import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainLayers, rendererShared } from './layers';

const root = path.resolve(__dirname, '../../..');
const doc = readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');

/** Every `code span` that names a path of the repository. */
const namedPaths = [...doc.matchAll(/`([^`\s]+)`/g)]
  .map((match) => match[1]!)
  .filter((text) => /^(app|main|renderer|test|scripts|\.ci)\//.test(text) || /^[A-Z][\w.-]*\.md$/.test(text))
  .filter((text) => !text.startsWith('../'));

describe('ARCHITECTURE.md tells the truth', () => {
  it('names the paths of the house', () => {
    expect(namedPaths.length).toBeGreaterThan(40);
  });

  it('every path it names exists', () => {
    expect(namedPaths.filter((p) => !existsSync(path.join(root, p)))).toEqual([]);
  });

  it('names every room of main/ and every feature of renderer/', () => {
    const rooms = mainLayers.flat().map((room) => (room.endsWith('.ts') ? `main/${room}` : `main/${room}/`));
    const features = readdirSync(path.join(root, 'renderer'))
      .filter((name) => statSync(path.join(root, 'renderer', name)).isDirectory())
      .map((name) => `renderer/${name}/`);
    const missing = [...rooms, ...features].filter((p) => !doc.includes(`\`${p}\``));
    expect(missing).toEqual([]);
    expect(rendererShared.every((folder) => doc.includes(`renderer/${folder}/`))).toBe(true);
  });
});
