import { mailServers, mailsrv } from './mail-servers';

/**
 * Vitest global setup for the layers that need real servers: install (when root and missing),
 * configure and start Dovecot and Postfix once per run; stop them afterwards if this run started them.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const servers = mailServers();
  const alreadyRunning = await mailsrv('status').then(
    () => true,
    () => false,
  );
  if (!alreadyRunning) {
    await mailsrv('install');
    await mailsrv('init');
    await mailsrv('start');
  }
  await mailsrv('ready');
  process.env.MAILSRV_DIR = servers.dir;
  return async () => {
    if (!alreadyRunning && !process.env.MAILSRV_KEEP) await mailsrv('stop');
  };
}
