import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestUser } from '../../servers/mail-servers';

const run = promisify(execFile);
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

/** mbsync pulling one INBOX over plain IMAP on `port` into tmpfs: a first full run, then a no-change run. */
export async function mbsyncRuns(user: TestUser, port: number): Promise<{ full: number; noChange: number }> {
  const dir = mkdtempSync('/dev/shm/postbote-mbsync-');
  try {
    mkdirSync(path.join(dir, 'out'), { recursive: true });
    mkdirSync(path.join(dir, 'state'), { recursive: true });
    const config = path.join(dir, 'mbsyncrc');
    writeFileSync(
      config,
      [
        'IMAPAccount dove', 'Host 127.0.0.1', `Port ${port}`, `User ${user.username}`, `Pass ${user.password}`, 'SSLType None', 'AuthMechs LOGIN', 'PipelineDepth 64', '',
        'IMAPStore dove-remote', 'Account dove', '',
        'MaildirStore local', `Path ${dir}/out/`, `Inbox ${dir}/out/INBOX`, '',
        'Channel inbox', 'Far :dove-remote:INBOX', 'Near :local:INBOX', 'Sync Pull', 'Create Near', 'Expunge None', `SyncState ${dir}/state/`, '',
      ].join('\n'),
      { mode: 0o600 },
    );
    let started = process.hrtime.bigint();
    await run('mbsync', ['-q', '-c', config, 'inbox'], { maxBuffer: 64 * 1024 * 1024 });
    const full = seconds(started);
    started = process.hrtime.bigint();
    await run('mbsync', ['-q', '-c', config, 'inbox'], { maxBuffer: 64 * 1024 * 1024 });
    return { full, noChange: seconds(started) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
