import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { mailServers } from './mail-servers';

const run = promisify(execFile);
export const ACCOUNTSRV_SCRIPT = path.join(__dirname, 'accountsrv.sh');

export type AccountServerGroup = 'discovery' | 'oauth';

/** Where accountsrv.sh's servers listen: the same arithmetic on MAILSRV_PORT_BASE as the script. */
export function accountServers() {
  const base = mailServers().portBase;
  const dir = process.env.ACCOUNTSRV_DIR ?? `/tmp/postbote-accountsrv-${base}`;
  return {
    dir,
    ports: {
      oidc: base + 201,
      autoconfigHttps: base + 202,
      autoconfigHttp: base + 203,
      dns: base + 253,
      oauthImap: base + 211,
      oauthImaps: base + 212,
      oauthPop3: base + 213,
      oauthPop3s: base + 214,
      oauthSubmission: base + 216,
      /** Nothing listens here: the guess test's closed port. */
      closed: base + 299,
    },
    dnsServer: `127.0.0.1:${base + 253}`,
    oidcIssuer: `http://127.0.0.1:${base + 201}`,
    certificatePem: () => readFileSync(path.join(dir, 'ssl/cert.pem'), 'utf8'),
  };
}

export async function accountsrv(...args: string[]): Promise<string> {
  const { stdout } = await run('bash', [ACCOUNTSRV_SCRIPT, ...args], { env: process.env, timeout: 120_000, maxBuffer: 4 * 1024 * 1024 });
  return stdout;
}

/**
 * Per-file setup: installs (as root, when missing) and starts one group of servers unless it runs
 * already; the returned function stops it again if this file started it (MAILSRV_KEEP=1 keeps it).
 */
export async function startAccountServers(group: AccountServerGroup): Promise<() => Promise<void>> {
  const running = await accountsrv('status', group).then(
    () => true,
    () => false,
  );
  if (!running) {
    await accountsrv('install');
    await accountsrv('start', group);
  }
  return async () => {
    if (!running && !process.env.MAILSRV_KEEP) await accountsrv('stop', group);
  };
}
