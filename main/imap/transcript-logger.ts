import type { TranscriptSession } from '../transcript';

interface ImapFlowLogEntry {
  src?: string;
  msg?: string;
  err?: unknown;
}

type LogFn = (entry: ImapFlowLogEntry) => void;

/**
 * imapflow reports its conversation through a pino-style logger: `src: 'c'` for what we sent
 * (already with LOGIN secrets masked), `src: 's'` for what the server said. We route both into
 * the transcript, which redacts again on its own terms.
 */
export function imapTranscriptLogger(session: TranscriptSession): Record<'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', LogFn> {
  const route: LogFn = (entry) => {
    if (!entry || typeof entry !== 'object' || typeof entry.msg !== 'string') return;
    if (entry.src === 'c') session.client(entry.msg);
    else if (entry.src === 's') session.server(entry.msg);
    else if (entry.src === 'connection' || entry.src === 'tls') session.event(entry.msg);
  };
  const ignore: LogFn = () => undefined;
  return { trace: ignore, debug: route, info: route, warn: route, error: route, fatal: route };
}
