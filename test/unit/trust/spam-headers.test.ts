import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../main/mime';

/** The spam verdict as main's parser reads it from a whole message, the way the reading pane gets it. */
const spamOf = async (...headers: string[]) => {
  const raw = Buffer.from([...headers, 'From: a@shop.example', 'Subject: s', '', 'body', ''].join('\r\n'));
  return (await parseMessage(new Uint8Array(raw))).headers.spam;
};

describe('spam headers', () => {
  it('reads SpamAssassin’s X-Spam-Status with score and limit', async () => {
    expect(await spamOf('X-Spam-Status: Yes, score=7.3 required=5.0 tests=BAYES_99,\r\n\tURIBL_BLOCKED autolearn=no')).toEqual({ spam: true, score: 7.3, threshold: 5, source: 'x-spam-status' });
    expect(await spamOf('X-Spam-Status: No, hits=-0.1 required=5.0')).toEqual({ spam: false, score: -0.1, threshold: 5, source: 'x-spam-status' });
  });

  it('reads rspamd’s X-Spamd-Result before anything else', async () => {
    expect(await spamOf('X-Spamd-Result: default: True [16.20 / 15.00]; R_SPF_FAIL(1.00)[-all]', 'X-Spam-Status: No, score=0')).toEqual({ spam: true, score: 16.2, threshold: 15, source: 'x-spamd-result' });
  });

  it('falls back to X-Spam-Flag and X-Spam-Score', async () => {
    expect(await spamOf('X-Spam-Flag: YES', 'X-Spam-Score: 9.9')).toEqual({ spam: true, score: 9.9, source: 'x-spam-flag' });
    expect(await spamOf('X-Spam-Score: 2.5')).toEqual({ score: 2.5, source: 'x-spam-score' });
  });

  it('believes only the topmost of each header: a filter puts its own on top', async () => {
    expect(await spamOf('X-Spam-Flag: YES', 'X-Spam-Flag: NO')).toMatchObject({ spam: true });
  });

  it('ignores what it cannot read instead of guessing', async () => {
    expect(await spamOf('X-Spam-Status: maybe, score=lots')).toBeUndefined();
    expect(await spamOf('X-Spam-Score: *****')).toBeUndefined();
    expect(await spamOf('X-Spam-Score: 1e999')).toBeUndefined();
    expect(await spamOf('X-Spamd-Result: default: True [Infinity / 15]')).toBeUndefined();
    expect(await spamOf('X-Spam-Status: Yes, score=999999999 required=5')).toEqual({ spam: true, threshold: 5, source: 'x-spam-status' });
    expect(await spamOf()).toBeUndefined();
  });
});
