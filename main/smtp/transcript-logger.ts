import type { TranscriptSession } from '../transcript';

type LogFn = (data: unknown, message?: unknown, ...args: unknown[]) => void;

/**
 * nodemailer logs the conversation (with `debug: true`) as `{ tnx: 'client' | 'server' }` entries;
 * a multi-line reply arrives as one message with embedded newlines.
 */
export function smtpTranscriptLogger(session: TranscriptSession, onServerLine?: (line: string) => void): Record<'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', LogFn> {
  const route: LogFn = (data, message) => {
    const tnx = (data as { tnx?: string } | undefined)?.tnx;
    if (typeof message !== 'string') return;
    for (const line of message.split(/\r?\n/)) {
      if (tnx === 'client') session.client(line);
      else if (tnx === 'server') {
        session.server(line);
        onServerLine?.(line);
      } else if (tnx === 'network' || tnx === 'connection') session.event(line);
    }
  };
  const ignore: LogFn = () => undefined;
  return { trace: ignore, debug: route, info: route, warn: route, error: route, fatal: route };
}
