import type { SessionInfo, TranscriptEntry } from '../../app/domain/transcript';

const arrow = (entry: TranscriptEntry) => (entry.kind === 'event' ? '**' : entry.direction === 'client' ? 'C:' : 'S:');

/** A session as text: what the viewer shows, credentials already removed when the lines were recorded. */
export function exportSession(info: SessionInfo, entries: readonly TranscriptEntry[]): string {
  const head = `# Postbote ${info.protocol.toUpperCase()} session with ${info.host}:${info.port}, started ${new Date(info.startedAt).toISOString()}${info.endedAt ? `, ended ${new Date(info.endedAt).toISOString()}` : ''}`;
  const lines = entries.map((e) => `${new Date(e.time).toISOString().slice(11, 23)} ${arrow(e)} ${e.text}${e.redacted ? '   [credentials redacted]' : ''}`);
  return [head, ...lines, ''].join('\n');
}
