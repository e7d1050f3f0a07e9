import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseMailto } from '../../app/mailto';
import { findInstance, requestInstance } from '../desktop/running-instance';
import { parseMessage } from '../mime';
import { inspectReport } from './inspect-report';
import { humanSummary } from './inspect-summary';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `Usage: postbote inspect FILE.eml [--json]
       postbote compose 'mailto:…' [--data-dir DIR]

  inspect FILE.eml   parse a message file as Postbote's reading pane does and show
                     its headers, text, attachments (with SHA-256), MIME structure
                     and the notices the parser raised
  --json             print the parsed message as JSON (attachment bytes left out)
  compose LINK       open a new message for a mailto: link (RFC 6068) in the
                     running browser-mode Postbote (its data folder: --data-dir,
                     POSTBOTE_DATA_DIR or ~/.config/postbote-browser)`;

/** The browser-mode data folder, as main/bridge chooses it. */
function browserDataDir(env: NodeJS.ProcessEnv): string {
  if (env.POSTBOTE_DATA_DIR) return env.POSTBOTE_DATA_DIR;
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'postbote-browser');
}

/** `postbote compose 'mailto:…'`: hands the link to the running instance, whose window opens a composer. */
async function compose(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const rest = [...args];
  const dirAt = rest.indexOf('--data-dir');
  const dataDir = dirAt >= 0 ? rest.splice(dirAt, 2)[1] : browserDataDir(env);
  const link = rest.length === 1 ? rest[0] : undefined;
  if (!link || !dataDir || !parseMailto(link)) {
    io.err(`postbote: compose takes one mailto: link\n\n${USAGE}`);
    return 2;
  }
  const instance = await findInstance(dataDir);
  if (!instance) {
    io.err(`postbote: no running Postbote uses ${dataDir}; start it with “npm start -- --browser” and try again`);
    return 1;
  }
  try {
    await requestInstance(instance, 'desktop.compose', { url: link });
  } catch (error) {
    io.err(`postbote: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  io.out('Opened a new message in Postbote.');
  return 0;
}

function unreadable(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
  return `postbote: cannot read ${file}: ${reason}`;
}

/** `postbote inspect FILE.eml [--json]`; returns the exit code: 0 done, 1 the file could not be read, 2 wrong usage. */
export async function runCli(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  if (args[0] === 'compose') return compose(args.slice(1), io, env);
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
