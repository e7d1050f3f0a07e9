import 'fake-indexeddb/auto';
import nodemailer from 'nodemailer';
import type { TranscriptEntry } from '../../app/domain/transcript';
import { folderCounts } from '../../renderer/db/headers';
import { followServerNews } from '../../renderer/mailbox/imap/follow-server-news';
import { CoalescingSyncRunner } from '../../renderer/mailbox/imap/sync-runner';
import { generateMessage } from '../fixtures/message-generator';
import { syncAll } from '../integration/imap/support';
import { createTestUser, mailServers } from '../servers/mail-servers';
import { loadGeneratedMessages } from '../servers/maildir';
import { draftFor } from '../support/account-drafts';
import { startInProcessApp } from '../support/in-process-app';
import { median, record, type BenchContext } from './support/report';

const DELIVERIES = Number(process.env.BENCH_IDLE_DELIVERIES ?? 50);
/** IDLE restarts this often here (25 min in the app), so 50 deliveries fall on every moment of its cycle. */
const RESTART_MS = 2000;

/**
 * New-mail latency: from the end of an LMTP delivery to the message in the renderer's store, through
 * Dovecot's IDLE push, main's IDLE watch, the "folder changed" event and the renderer's folder sync
 * (main's service and the renderer's sync code in one process, IndexedDB by fake-indexeddb).
 * Deliveries come at irregular gaps, so they land before, during and right after IDLE restarts.
 */
export default async function imapIdle(context: BenchContext): Promise<void> {
  const app = await startInProcessApp('bench-idle', { idleRestartMs: RESTART_MS });
  const user = await createTestUser('bench-idle');
  await loadGeneratedMessages(user.username, 1000);
  const account = await app.api.call('accounts.add', draftFor(user, { incomingSecurity: 'starttls' }));
  const lmtp = nodemailer.createTransport({ host: mailServers().host, port: mailServers().ports.lmtp, lmtp: true, secure: false, ignoreTLS: true });
  const idleLines: TranscriptEntry[] = [];
  try {
    await syncAll(app, account);
    const runner = new CoalescingSyncRunner((_id, scope) => syncAll(app, account, {}, scope === 'all' ? undefined : [...scope]).then(() => undefined));
    // The window's reaction: new mail fetched on the IDLE connection goes straight into the cache.
    followServerNews({ api: app.api, db: app.db, sync: (id, paths) => runner.request(id, paths), onError: () => undefined });
    app.main.transcript.subscribe((entry) => {
      if (entry.accountId === account.id && entry.direction === 'client' && /^(DONE|\S+ IDLE)$/.test(entry.text)) idleLines.push(entry);
    });
    await app.api.call('imap.watch', { accountId: account.id });
    const latencies: number[] = [];
    const sinceRestart: number[] = [];
    const stored = async () => (await folderCounts(app.db, `${account.id}/INBOX`)).total;
    let count = await stored();
    for (let i = 0; i < DELIVERIES; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50 + ((i * 379) % 700)));
      await lmtp.sendMail({ envelope: { from: 'sender@example.test', to: user.email }, raw: generateMessage(5000 + i, 99, user.email).raw });
      const delivered = performance.now();
      const lastRestart = idleLines.findLast((e) => e.text === 'DONE');
      if (lastRestart) sinceRestart.push(Date.now() - lastRestart.time);
      count++;
      for (;;) {
        if ((await stored()) >= count) break;
        if (performance.now() - delivered > 10_000) throw new Error(`delivery ${i} did not arrive within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      latencies.push(performance.now() - delivered);
    }
    const restarts = idleLines.filter((e) => e.text === 'DONE').length;
    const early = sinceRestart.filter((ms) => ms < 250).length;
    record({ bench: context.bench, name: `new-mail latency, median of ${DELIVERIES} LMTP deliveries`, value: Math.round(median(latencies)), unit: 'ms', note: 'LMTP end of DATA → message in the renderer store' });
    record({ bench: context.bench, name: `new-mail latency, worst of ${DELIVERIES}`, value: Math.round(Math.max(...latencies)), unit: 'ms', target: '<= 1000 ms', note: `${restarts} IDLE restarts during the run, ${early} deliveries within 250 ms after one` });
  } finally {
    lmtp.close();
    await app.close();
  }
}
