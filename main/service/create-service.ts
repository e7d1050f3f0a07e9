import type { Account } from '../../app/domain/account';
import path from 'node:path';
import type { AppInfo } from '../../app/contract';
import { AccountStore } from '../accounts/account-store';
import { ModalSecretStore, type SystemCipher } from '../accounts/secret-modes';
import { oauthSecretReferences } from '../oauth/grant-reference';
import { Transcript } from '../transcript';
import { EventBus } from './event-bus';
import { accountHandlers } from './handlers/accounts';
import { accountSetupHandlers, oauthParts, type AccountSetupDeps } from './handlers/account-setup';
import type { DesktopShell } from '../desktop/desktop-shell';
import { systemOpenerShell } from '../desktop/system-opener';
import { desktopHandlers } from './handlers/desktop';
import { appHandlers } from './handlers/app';
import { imapHandlers } from './handlers/imap';
import { insightHandlers } from './handlers/insight';
import { ImapEngine } from '../imap/engine';
import { messageHandlers } from './handlers/message';
import { offlineHandlers } from './handlers/offline';
import { remoteContentHandlers } from './handlers/remote-content';
import { senderHandlers } from './handlers/senders';
import { moveAcrossHandlers } from './handlers/move-across';
import { SenderLists } from '../storage/sender-lists';
import type { RemoteImageOptions } from '../remote-content/fetch-image';
import { AccountHealthRegistry } from '../insight/account-health';
import { pop3Handlers } from './handlers/pop3';
import { Pop3SessionRegistry } from '../pop3/session-registry';
import { SubmissionRegistry } from '../smtp/submissions';
import { sendHandlers } from './handlers/send';
import { Service } from './service';
import { MailStore } from '../store/mail-store';
import { localMailHandlers, type LocalMailDeps } from './handlers/local-mail';
import { TaskStore } from '../store/task-store';
import { taskHandlers } from './handlers/tasks';

export interface ServiceOptions {
  dataDir: string;
  /** The system's cipher: the OS keychain (desktop) or the key file (browser mode). */
  cipher: SystemCipher;
  info: AppInfo;
  probeTimeoutMs?: number;
  /** How often the IDLE watchdog checks the connection still answers. */
  idleWatchdogMs?: number;
  /** How often the INBOX of a server without IDLE is polled for news. */
  idlePollMs?: number;
  /** How often IDLE is restarted (tests shorten RFC 2177's cycle to land mail at every moment of it). */
  idleRestartMs?: number;
  /** Opening files and links, save dialogs: Electron's shell in the app, the system opener in browser mode. */
  desktop?: DesktopShell;
  /** Settings discovery's own DNS servers, CAs and ports (tests); the system's by default. */
  discovery?: AccountSetupDeps['discovery'];
  /** The distributor's OAuth client ids (else the POSTBOTE_OAUTH_* environment). */
  oauthConfigFile?: string;
  /** Tests: where a POP3 download into the Maildir may be killed. */
  downloadFault?: LocalMailDeps['downloadFault'];
  /** Remote images: the default refuses loopback and private addresses; tests that serve images on 127.0.0.1 allow it. */
  remoteImages?: RemoteImageOptions;
}

/** Everything main offers, wired once; the Electron shell and the bridge both call this. */
export function createService(options: ServiceOptions) {
  const events = new EventBus();
  const transcript = new Transcript();
  const vault = new ModalSecretStore(options.dataDir, options.cipher);
  const networkTimeoutMs = options.probeTimeoutMs ?? 15_000;
  const oauth = oauthParts({ vault, timeoutMs: networkTimeoutMs, ...(options.oauthConfigFile ? { oauthConfigFile: options.oauthConfigFile } : {}) });
  const accounts = new AccountStore(options.dataDir, vault, oauthSecretReferences(oauth.tokens));
  const pop3Sessions = new Pop3SessionRegistry();
  const health = new AccountHealthRegistry();
  const imap = new ImapEngine({
    accounts,
    transcript,
    timeoutMs: networkTimeoutMs,
    watchdogMs: options.idleWatchdogMs ?? 4 * 60_000,
    pollMs: options.idlePollMs ?? 60_000,
    ...(options.idleRestartMs ? { idleRestartMs: options.idleRestartMs } : {}),
    onFolderChanged: (accountId, path) => events.emit('imap.folderChanged', { accountId, path }),
    onNewMessages: (accountId, batch) => events.emit('imap.newMessages', { accountId, ...batch }),
    onContact: (accountId) => health.contact(accountId, 'imap'),
    onIdleHealth: (accountId, state) => health.idle(accountId, state),
    onConnectionLost: (accountId) => events.emit('imap.connectionLost', { accountId }),
  });
  // IMAP accounts log in while the window loads (or while a new account's first sync is asked for):
  // the first click on a folder then waits for its SELECT and FETCH, not for a login dialogue. A new
  // account's INBOX screen is fetched on that login, so its first sync starts with it in hand.
  const prepareImap = (list: readonly Account[], options: { newAccount?: boolean } = {}) => {
    for (const account of list) if (account.incoming.protocol === 'imap') imap.prepare(account.id, options);
  };
  void accounts.list().then((list) => prepareImap(list), () => undefined);
  const submissions = new SubmissionRegistry();
  const desktop = options.desktop ?? systemOpenerShell();
  const mailStore = new MailStore(options.dataDir);
  const tasks = new TaskStore(options.dataDir);
  const service = new Service({
    ...appHandlers(options.info, vault),
    ...accountHandlers({ accounts, transcript, events, probeTimeoutMs: networkTimeoutMs, onServersChanged: (id) => imap.forget(id), onAdded: (account) => prepareImap([account], { newAccount: true }) }),
    ...accountSetupHandlers({ transcript, vault, desktop, timeoutMs: networkTimeoutMs, ...(options.discovery ? { discovery: options.discovery } : {}) }, oauth),
    ...messageHandlers(),
    ...imapHandlers(imap),
    ...insightHandlers({ accounts, transcript, health, timeoutMs: networkTimeoutMs }),
    ...pop3Handlers({ accounts, transcript, health, sessions: pop3Sessions, timeoutMs: networkTimeoutMs * 2 }),
    ...sendHandlers({ accounts, transcript, imap, health, submissions, events, timeoutMs: networkTimeoutMs, tasks }),
    ...taskHandlers({ tasks, imap, submissions }),
    ...desktopHandlers(desktop, events),
    ...remoteContentHandlers(options.remoteImages),
    ...offlineHandlers(imap),
    ...senderHandlers(new SenderLists(options.dataDir)),
    ...moveAcrossHandlers({ imap, store: mailStore, events }),
    ...localMailHandlers({ store: mailStore, accounts, transcript, health, events, desktop, timeoutMs: networkTimeoutMs * 2, ...(options.downloadFault ? { downloadFault: options.downloadFault } : {}) }),
  });
  return { service, events, transcript, secrets: vault, accounts, mailStore, tasks, pop3Sessions, health, imap, submissions, oauthTokens: oauth.tokens, dataDir: path.resolve(options.dataDir) };
}

export type MainContext = ReturnType<typeof createService>;
