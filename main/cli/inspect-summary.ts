import type { MailAddress } from '../../app/domain/message-summary';
import { structureOutline, type InspectReport } from './inspect-report';

const PREVIEW_LINES = 8;

function addresses(list: MailAddress[]): string {
  return list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');
}

function kilobytes(size: number): string {
  return size < 1024 ? `${size} B` : `${(size / 1024).toFixed(1)} KB`;
}

/** `postbote inspect` without --json: what a person wants to see of a message at a glance. */
export function humanSummary(report: InspectReport): string {
  const { headers } = report;
  const lines: string[] = [];
  const field = (name: string, value: string | undefined) => value && lines.push(`${name.padEnd(10)}${value}`);
  field('From:', addresses(headers.from));
  field('Sender:', addresses(headers.sender));
  field('To:', addresses(headers.to));
  field('Cc:', addresses(headers.cc));
  field('Reply-To:', addresses(headers.replyTo));
  field('Date:', headers.date);
  field('Subject:', headers.subject);
  lines.push('', `Text (${report.text.length} characters)${report.htmlLength === null ? '' : `, HTML (${report.htmlLength} characters)`}:`);
  const preview = report.text.split('\n');
  lines.push(...preview.slice(0, PREVIEW_LINES).map((line) => `  ${line}`));
  if (preview.length > PREVIEW_LINES) lines.push(`  … ${preview.length - PREVIEW_LINES} more lines`);
  if (report.attachments.length) {
    lines.push('', `Attachments (${report.attachments.length}):`);
    for (const a of report.attachments) {
      const flags = [a.inline && 'inline', a.sniffedType && `really ${a.sniffedType}`, a.executable && 'PROGRAM'].filter(Boolean).join(', ');
      lines.push(`  ${a.partId}  ${a.filename}  ${a.contentType}  ${kilobytes(a.size)}${flags ? `  [${flags}]` : ''}  sha256 ${a.sha256}`);
    }
  }
  for (const wrapper of report.security) lines.push('', `Security: ${wrapper.kind} (${wrapper.protocol ?? 'unknown protocol'}) at part ${wrapper.partId || '(message)'}`);
  lines.push('', 'MIME structure:', ...structureOutline(report.structure).map((line) => `  ${line}`));
  if (report.notices.length) lines.push('', 'Notices:', ...report.notices.map((notice) => `  - ${notice}`));
  for (const { partId, message } of report.embedded) {
    lines.push('', `Attached message (part ${partId}):`, ...humanSummary(message).split('\n').map((line) => (line ? `  ${line}` : line)));
  }
  return lines.join('\n');
}
