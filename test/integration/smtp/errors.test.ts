import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, AccountDraft } from '../../../app/domain/account';
import { explainError } from '../../../app/explain';
import { unqueue } from '../../../renderer/compose/queue';
import type { DraftRecord, OutboxRecord } from '../../../renderer/db/tables/compose';
import { processOutbox } from '../../../renderer/compose/outbox/run-outbox';
import { createTestUser, mailServers, type TestUser } from '../../servers/mail-servers';
import { draftFor } from '../../support/account-drafts';
import { FaultProxy, replaceText, type FaultPlan } from '../../support/fault-proxy';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { addAccount, bytes, deliveries, draftFrom, outboxDeps, queueDrained, received, send, sha256 } from './support';

let app: InProcessApp;
let alice: TestUser;
let bob: TestUser;
let account: Account;
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  app = await startInProcessApp('smtp-errors');
  [alice, bob] = await Promise.all([createTestUser('sender'), createTestUser('recipient')]);
  account = await addAccount(app, draftFor(alice));
}, 60_000);

afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
  await app?.close();
});

/** An account of a new user whose outgoing server is reached through a fault proxy. */
async function accountVia(target: 'submission' | 'inbound', plan: FaultPlan, change: (draft: AccountDraft) => void = () => undefined): Promise<{ account: Account; proxy: FaultProxy }> {
  const servers = mailServers();
  const proxy = await FaultProxy.start({ host: servers.host, port: servers.ports[target] }, plan);
  proxies.push(proxy);
  const draft = draftFor(await createTestUser(`proxied-${target}`));
  draft.outgoing.port = proxy.port;
  // The inbound port is an MX: no TLS, no login, mail for example.test only.
  if (target === 'inbound') draft.outgoing.security = 'none';
  change(draft);
  return { account: await addAccount(app, draft), proxy };
}

function sessionText(error: OutboxRecord['lastError']): string {
  return app.main.transcript
    .entries({ session: error!.transcriptSession! })
    .map((e) => `${e.direction ?? '*'} ${e.text}`)
    .join('\n');
}

async function expectStaysInOutbox(draft: DraftRecord, state: OutboxRecord['state']): Promise<OutboxRecord> {
  const entry = await app.db.outbox.get(draft.id);
  expect(entry?.state).toBe(state);
  expect(entry?.lastError?.transcriptSession).toBeTruthy();
  return entry!;
}

describe('send failures: a typed error, the server’s own words, and the message stays in the outbox', () => {
  it('wrong password: AUTH_FAILED with 535 5.7.8, and the password is nowhere in the transcript', async () => {
    const { account: wrong } = await accountVia('submission', {}, (d) => (d.outgoing.password = 'not-the-password-4711'));
    const draft = draftFrom(wrong, { to: [{ address: bob.email }], subject: 'wrong password', text: 'x' });
    await send(app, draft);
    const entry = await expectStaysInOutbox(draft, 'failed');
    expect(entry.lastError).toMatchObject({ code: 'AUTH_FAILED', protocol: 'smtp' });
    expect(entry.lastError!.serverText).toMatch(/^535 5\.7\.8/);
    expect(explainError(entry.lastError!)[0]!.outcome).toBe('SMTP 5.7.8');
    const transcript = sessionText(entry.lastError);
    expect(transcript).toContain('AUTH PLAIN <redacted>');
    expect(transcript).not.toContain('not-the-password-4711');
    expect(transcript).not.toContain(Buffer.from(`\0${alice.username}\0not-the-password-4711`).toString('base64'));
  });

  it('a refused recipient: RECIPIENT_REFUSED naming it, nobody gets the message, and it goes once corrected', async () => {
    const draft = draftFrom(account, { to: [{ address: bob.email }, { address: 'x-nobody@example.test' }], subject: 'refused', text: 'x' });
    await send(app, draft);
    const entry = await expectStaysInOutbox(draft, 'failed');
    expect(entry.lastError).toMatchObject({ code: 'RECIPIENT_REFUSED', details: { refused: [{ address: 'x-nobody@example.test' }] } });
    expect(entry.lastError!.serverText).toMatch(/^550 5\.1\.1 <x-nobody@example\.test>/);
    expect(sessionText(entry.lastError)).not.toContain('[message data');
    await queueDrained();
    expect((await deliveries(bob)).get(draft.messageId)).toBeUndefined();

    const edited = await unqueue(draft.id, app.db, app.api);
    await send(app, { ...edited!, to: [{ address: bob.email }] });
    await received(bob, 1);
    expect((await deliveries(bob)).get(draft.messageId)).toBe(1);
  });

  it('too big for the server’s SIZE: MESSAGE_TOO_LARGE before any of it is sent', async () => {
    const draft = draftFrom(account, { to: [{ address: bob.email }], subject: 'huge', attachments: [{ id: 'h', filename: 'huge.bin', contentType: 'application/octet-stream', size: 20_000_000, content: bytes(20_000_000, 3) }] });
    await send(app, draft);
    const entry = await expectStaysInOutbox(draft, 'failed');
    expect(entry.lastError).toMatchObject({ code: 'MESSAGE_TOO_LARGE', details: { limit: 26214400 } });
    expect(entry.lastError!.message).toMatch(/is 2\d\.\d MB .* at most 25\.0 MB/);
    expect(sessionText(entry.lastError)).not.toContain('MAIL FROM');
  });

  it('too big, and the server did not say so in advance: Postfix’s own 552 5.3.4 after the data', async () => {
    const { account: blind } = await accountVia('inbound', { transform: replaceText('downstream', '250-SIZE', '250-XSIZE') });
    const draft = draftFrom(blind, { to: [{ address: bob.email }], subject: 'huge, unannounced', attachments: [{ id: 'h', filename: 'huge.bin', contentType: 'application/octet-stream', size: 20_000_000, content: bytes(20_000_000, 4) }] });
    await send(app, draft);
    const entry = await expectStaysInOutbox(draft, 'failed');
    expect(entry.lastError).toMatchObject({ code: 'MESSAGE_TOO_LARGE', details: { delivery: 'not-sent' } });
    expect(entry.lastError!.serverText).toMatch(/^552 5\.3\.4/);
    expect(explainError(entry.lastError!)[0]!.outcome).toBe('SMTP 5.3.4');
  });

  it('STARTTLS stripped on the way: STARTTLS_UNAVAILABLE, and no login was attempted in the clear', async () => {
    const { account: stripped, proxy } = await accountVia('submission', { transform: [replaceText('downstream', 'STARTTLS', 'XSTARTTLS'), replaceText('upstream', 'STARTTLS', 'XTARTTLS')] });
    const draft = draftFrom(stripped, { to: [{ address: bob.email }], subject: 'stripped', text: 'x' });
    await send(app, draft);
    const entry = await expectStaysInOutbox(draft, 'failed');
    expect(entry.lastError).toMatchObject({ code: 'STARTTLS_UNAVAILABLE' });
    expect(sessionText(entry.lastError)).not.toMatch(/AUTH|MAIL FROM/);
    expect(proxy.bytes.upstream).toBeLessThan(200);
  });

  it('the server hangs up after DATA’s 354: nothing was delivered, it waits, and goes once the link is back', async () => {
    const dave = await createTestUser('hang-up');
    const { account: flaky, proxy } = await accountVia('inbound', { cutWhen: { direction: 'downstream', text: '354 ', how: 'reset' } });
    const draft = draftFrom(flaky, { to: [{ address: dave.email }], subject: 'hang-up after DATA', attachments: [{ id: 'b', filename: 'big.bin', contentType: 'application/octet-stream', size: 8_000_000, content: bytes(8_000_000, 5) }] });
    const now = Date.now();
    await send(app, draft, { now: () => now });
    const entry = await expectStaysInOutbox(draft, 'queued');
    expect(entry.lastError).toMatchObject({ code: 'CONNECTION_CLOSED', details: { delivery: 'not-sent', temporary: true } });
    expect(entry.nextAttemptAt).toBe(now + 30_000);

    proxy.setPlan({});
    await processOutbox(flaky.id, outboxDeps(app, { durable: undefined, now: () => now + 1000 }));
    expect((await app.db.outbox.get(draft.id))?.state).toBe('queued');
    await processOutbox(flaky.id, outboxDeps(app, { durable: undefined, now: () => now + 31_000 }));
    expect(await app.db.outbox.get(draft.id)).toBeUndefined();
    const [copy] = await received(dave, 1);
    expect(copy!.parsed.messageId).toBe(draft.messageId);
    expect(sha256(copy!.parsed.attachments[0]!.content)).toBe(sha256(bytes(8_000_000, 5)));
  });

  it('cut after the final "." before the answer: SEND_UNCLEAR, delivered once, and never sent again on its own', async () => {
    const carol = await createTestUser('unclear');
    const { account: cut, proxy } = await accountVia('inbound', { cutWhen: { direction: 'upstream', text: '\r\n.\r\n', how: 'close' } });
    const draft = draftFrom(cut, { to: [{ address: carol.email }], subject: 'unclear ending', text: 'Did it arrive?' });
    await send(app, draft);
    const entry = await expectStaysInOutbox(draft, 'unclear');
    expect(entry.lastError).toMatchObject({ code: 'SEND_UNCLEAR' });
    expect(entry.sentCheckedAt).toBeGreaterThan(0);
    proxy.setPlan({});
    await processOutbox(cut.id, outboxDeps(app, { durable: undefined, now: () => Date.now() + 3_600_000 }));
    await queueDrained();
    expect((await deliveries(carol)).get(draft.messageId)).toBe(1);
    expect((await app.db.outbox.get(draft.id))?.state).toBe('unclear');
  });
});
