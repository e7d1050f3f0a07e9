import { describe, expect, it } from 'vitest';
import { composeIdFromHash, composerUrl } from '../../../renderer/compose/compose-popup';

describe('the popped-out composer’s address', () => {
  const location = { origin: 'http://127.0.0.1:4711', pathname: '/', search: '' };

  it('carries the bridge token and the draft id in the fragment, never in what is sent to the server', () => {
    const url = composerUrl(location, 'd-1', 'secret');
    expect(url).toBe('http://127.0.0.1:4711/#token=secret&compose=d-1');
    expect(composeIdFromHash(new URL(url).hash)).toBe('d-1');
  });

  it('works without a token (the desktop app has none) and finds no draft in the main window’s address', () => {
    expect(composerUrl(location, 'd-2')).toBe('http://127.0.0.1:4711/#compose=d-2');
    expect(composeIdFromHash('')).toBeUndefined();
    expect(composeIdFromHash('#token=abc')).toBeUndefined();
  });
});
