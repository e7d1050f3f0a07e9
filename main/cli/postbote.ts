import { readFile } from 'node:fs/promises';
import { parseMessage } from '../mime';
import { inspectReport } from './inspect-report';
import { humanSummary } from './inspect-summary';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `Usage: postbote inspect FILE.eml [--json]

  inspect FILE.eml   parse a message file as Postbote's reading pane does and show
                     its headers, text, attachments (with SHA-256), MIME structure
                     and the notices the parser raised
  --json             print the parsed message as JSON (attachment bytes left out)`;

function unreadable(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
  return `postbote: cannot read ${file}: ${reason}`;
}

/** `postbote inspect FILE.eml [--json]`; returns the exit code: 0 done, 1 the file could not be read, 2 wrong usage. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const json = args.includes('--json');
  const rest = args.filter((arg) => arg !== '--json');
  const [command, file, ...extra] = rest;
  if (command !== 'inspect' || !file || extra.length > 0 || file.startsWith('-')) {
    io.err(command && command !== 'inspect' ? `postbote: unknown command “${command}”\n\n${USAGE}` : USAGE);
    return 2;
  }
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (error) {
    io.err(unreadable(file, error));
    return 1;
  }
  const report = inspectReport(await parseMessage(raw));
  io.out(json ? JSON.stringify(report, null, 2) : humanSummary(report));
  return 0;
}
