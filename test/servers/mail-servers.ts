import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const MAILSRV_SCRIPT = path.join(__dirname, 'mailsrv.sh');

/** Where the test servers listen; every test process derives the same answer from the environment. */
export function mailServers() {
  const portBase = Number(process.env.MAILSRV_PORT_BASE ?? 10000);
  const dir = process.env.MAILSRV_DIR ?? `/tmp/postbote-mailsrv-${portBase}`;
  return {
    host: '127.0.0.1',
    dir,
    portBase,
    ports: {
      imap: portBase + 143,
      imaps: portBase + 993,
      pop3: portBase + 110,
      pop3s: portBase + 995,
      lmtp: portBase + 24,
      submission: portBase + 587,
      submissions: portBase + 465,
      inbound: portBase + 25,
    },
    certificatePem: () => readFileSync(path.join(dir, 'ssl/cert.pem'), 'utf8'),
    maildir: (user: string) => path.join(dir, 'mail', user, 'Maildir'),
  };
}

export async function mailsrv(command: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('bash', [MAILSRV_SCRIPT, command, ...args], { env: process.env, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

export async function doveadm(...args: string[]): Promise<string> {
  const { stdout } = await run('doveadm', ['-c', path.join(mailServers().dir, 'dovecot.conf'), ...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export interface TestUser {
  username: string;
  password: string;
  email: string;
}

/** A fresh mailbox per test, so tests never see each other's mail. Dovecot picks it up without reload. */
export async function createTestUser(label = 'user'): Promise<TestUser> {
  const clean = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 20);
  const username = `t-${clean}-${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(6).toString('base64url')}`;
  await mailsrv('adduser', username, password);
  // Dovecot notices a changed passwd-file at most once a second: wait until the new user can log in.
  for (let attempt = 0; ; attempt++) {
    const ok = await doveadm('auth', 'test', username, password).then(
      () => true,
      () => false,
    );
    if (ok) break;
    if (attempt > 100) throw new Error(`test user ${username} never became valid`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { username, password, email: `${username}@example.test` };
}
