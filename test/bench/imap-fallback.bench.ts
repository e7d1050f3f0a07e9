import 'fake-indexeddb/auto';
import { toUidSet } from '../../app/uid-set';
import { createTestUser, mailServers } from '../servers/mail-servers';
import { loadCachedMessages } from '../servers/maildir';
import { draftFor } from '../support/account-drafts';
import { CapabilityFilterProxy } from '../support/capability-filter-proxy';
import { startInProcessApp } from '../support/in-process-app';
import { mbsyncRuns } from './support/mbsync';
import { compare, median, record, type BenchContext } from './support/report';

const SIZES = (process.env.BENCH_FALLBACK_SIZES ?? '10000,100000').split(',').map(Number);
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

/**
 * A no-change resync on a server without CONDSTORE: the engine's full UID/FLAGS compare (one
 * UID FETCH 1:* (UID FLAGS), the flags of every known message back to the caller) next to
 * mbsync's no-change run, which asks the same question the same way. Both talk to the real
 * Dovecot through the same capability filter, so the filter's cost is in both figures.
 * The engine runs in this process; the renderer's comparison against IndexedDB is not in it.
 */
async function benchSize(bench: string, count: number): Promise<void> {
  const servers = mailServers();
  const user = await createTestUser(`bench-fallback-${count}`);
  await loadCachedMessages(user.username, count);
  const proxy = await CapabilityFilterProxy.start({ host: servers.host, port: servers.ports.imap }, { hide: ['CONDSTORE', 'QRESYNC'] });
  const app = await startInProcessApp('bench-fallback', { timeoutMs: 60_000 });
  try {
    const draft = draftFor(user, { incomingSecurity: 'none' });
    draft.incoming.port = proxy.port;
    const account = await app.api.call('accounts.add', draft);
    const first = await app.api.call('imap.sync', { accountId: account.id, path: 'INBOX' });
    if (first.newUids.length !== count) throw new Error(`the first sync found ${first.newUids.length} of ${count} UIDs`);
    const request = { accountId: account.id, path: 'INBOX', cursor: first.cursor, knownUids: toUidSet(first.newUids) };
    const runs: number[] = [];
    let flagsReported = 0;
    for (let i = 0; i < 3; i++) {
      const started = process.hrtime.bigint();
      const delta = await app.api.call('imap.sync', request);
      runs.push(seconds(started));
      if (delta.mode !== 'full' || delta.newUids.length || delta.vanished.length) throw new Error(`the resync was ${delta.mode} with changes`);
      flagsReported = delta.flagChanges.length;
    }
    const mbsync = await mbsyncRuns(user, proxy.port);
    if (proxy.refusals.length) throw new Error(`the filter refused ${proxy.refusals.map((r) => r.command).join('; ')}`);
    const label = `${count / 1000}k`;
    const mbsyncFigure = record({ bench, name: `${label}: mbsync no-change run without CONDSTORE (tmpfs)`, value: mbsync.noChange, unit: 's' });
    record({
      bench,
      name: `${label}: postbote no-change resync without CONDSTORE (engine)`,
      value: median(runs),
      unit: 's',
      against: compare(median(runs), mbsyncFigure),
      note: `UID FETCH 1:* (UID FLAGS); ${flagsReported} known messages' flags handed to the renderer to compare`,
    });
  } finally {
    await app.close();
    await proxy.close();
  }
}

export default async function imapFallback(context: BenchContext): Promise<void> {
  for (const size of SIZES) await benchSize(context.bench, size);
}
