import { shorten, type TranscriptSession } from '../transcript';

/**
 * A header sync answers one FETCH line per message. The log keeps the first lines of each command
 * whole and counts the rest: serializing every one of them again for the log would cost a quarter
 * of the engine's time on a large sync, and nobody reads a hundred thousand envelopes in a log.
 */
const FETCH_LINES_IN_FULL = 20;
const FETCH_LINE_CHARS = 200;
const UNTAGGED_FETCH = /^\* \d+ FETCH /;
const TAGGED_END = /^[A-Za-z0-9.]+ (OK|NO|BAD)\b/;

interface ImapFlowLogEntry {
  src?: string;
  msg?: string;
  err?: unknown;
}

type LogFn = (entry: ImapFlowLogEntry) => void;
type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * imapflow reports its conversation through a pino-style logger: `src: 'c'` for what we sent
 * (already with LOGIN secrets masked), `src: 's'` for what the server said. We route both into
 * the transcript, which redacts again on its own terms. imapflow asks `isLevelEnabled('trace')`
 * once per FETCH response line before it serializes that line, which is where the counting happens.
 */
export function imapTranscriptLogger(session: TranscriptSession): Record<Level, LogFn> & { isLevelEnabled(level: Level): boolean } {
  let fetchLines = 0;
  const countedSoFar = () => {
    if (fetchLines > FETCH_LINES_IN_FULL) session.summary('server', `[${fetchLines - FETCH_LINES_IN_FULL} more FETCH responses, counted, not shown]`);
    fetchLines = 0;
  };
  const route: LogFn = (entry) => {
    if (!entry || typeof entry !== 'object' || typeof entry.msg !== 'string') return;
    if (entry.src === 'c') {
      countedSoFar();
      session.client(entry.msg);
    } else if (entry.src === 's') {
      if (TAGGED_END.test(entry.msg)) countedSoFar();
      session.server(UNTAGGED_FETCH.test(entry.msg) ? shorten(entry.msg, FETCH_LINE_CHARS) : entry.msg);
    } else if (entry.src === 'connection' || entry.src === 'tls') session.event(entry.msg);
  };
  return {
    trace: route,
    debug: route,
    info: route,
    warn: route,
    error: route,
    fatal: route,
    isLevelEnabled: (level) => level !== 'trace' || ++fetchLines <= FETCH_LINES_IN_FULL,
  };
}
