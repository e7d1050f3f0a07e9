import { describe, expect, it } from 'vitest';
import { imapTranscriptLogger } from '../../../main/imap/transcript-logger';
import { Transcript } from '../../../main/transcript';

/** Plays imapflow's part: it asks isLevelEnabled('trace') before serializing each FETCH line, and logs it only on yes. */
function serverFetchLines(logger: ReturnType<typeof imapTranscriptLogger>, count: number, line: (n: number) => string): void {
  for (let n = 1; n <= count; n++) if (logger.isLevelEnabled('trace')) logger.trace({ src: 's', msg: line(n) });
}

describe('the IMAP transcript logger', () => {
  it('keeps the first FETCH lines of a command whole, shortened, and counts the rest before the tagged answer', () => {
    const transcript = new Transcript();
    const session = transcript.openSession({ protocol: 'imap', host: 'h', port: 143 });
    const logger = imapTranscriptLogger(session);
    logger.debug({ src: 'c', msg: '9 UID FETCH 1:500 (UID FLAGS ENVELOPE)' });
    serverFetchLines(logger, 500, (n) => `* ${n} FETCH (UID ${n} FLAGS (\\Seen) ENVELOPE ("${'x'.repeat(400)}"))`);
    logger.debug({ src: 's', msg: '9 OK Fetch completed' });
    const texts = transcript.entries().map((e) => `${e.kind}:${e.text.slice(0, 30)}`);
    expect(texts[0]).toBe('line:9 UID FETCH 1:500 (UID FLAGS E');
    expect(texts.filter((t) => t.startsWith('line:* '))).toHaveLength(20);
    expect(texts.at(-2)).toBe('data:[480 more FETCH responses, cou');
    expect(texts.at(-1)).toBe('line:9 OK Fetch completed');
    const fetchLine = transcript.entries()[1]!.text;
    expect(fetchLine.length).toBeLessThan(240);
    expect(fetchLine).toMatch(/… \(\d+ chars\)$/);
  });

  it('starts counting afresh with every command, and says nothing when nothing was left out', () => {
    const transcript = new Transcript();
    const logger = imapTranscriptLogger(transcript.openSession({ protocol: 'imap', host: 'h', port: 143 }));
    for (const tag of ['a', 'b']) {
      logger.debug({ src: 'c', msg: `${tag} UID FETCH 1:5 (FLAGS)` });
      serverFetchLines(logger, 5, (n) => `* ${n} FETCH (FLAGS ())`);
      logger.debug({ src: 's', msg: `${tag} OK done` });
    }
    const entries = transcript.entries();
    expect(entries.filter((e) => e.kind === 'data')).toHaveLength(0);
    expect(entries.filter((e) => e.text.startsWith('* '))).toHaveLength(10);
    expect(logger.isLevelEnabled('debug')).toBe(true);
  });
});
