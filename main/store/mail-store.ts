import path from 'node:path';
import { PostboteError } from '../../app/errors';
import { INBOX, Maildir } from './maildir';
import { UidlLedger } from './uidl-ledger';

/** The store of mail that is not on any server: Local Folders. POP3 accounts have one store each, named by account id. */
export const LOCAL_STORE = 'local';

/** Where Junk / Not junk and the block list put a POP3 account's or Local Folders' mail: Maildir++ `.Junk`, the name Dovecot and mutt use. */
export const JUNK_FOLDER = 'Junk';

/**
 * The folders every POP3 account and Local Folders have. `open` creates any that are missing, so a
 * store made before one joined the list (Junk) gets it the next time it is opened.
 */
export const STANDARD_FOLDERS = [INBOX, 'Drafts', 'Sent', 'Trash', JUNK_FOLDER] as const;

const STORE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * All mail main keeps on disk under the data directory:
 *   <dataDir>/mail/<store>/      one Maildir++ tree per POP3 account and one for Local Folders
 *   <dataDir>/pop3/<account>.uidl the UIDL ledger of each POP3 account
 * Work on one store runs one step at a time (`exclusive`), so a download, a move and a flag change
 * never race on the same files.
 */
export class MailStore {
  private readonly trees = new Map<string, Maildir>();
  private readonly ledgers = new Map<string, Promise<UidlLedger>>();
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(readonly dataDir: string) {}

  get mailRoot(): string {
    return path.join(this.dataDir, 'mail');
  }

  tree(store: string): Maildir {
    if (!STORE_ID.test(store)) throw new PostboteError({ code: 'INVALID_INPUT', message: 'Not a mail store.' });
    let tree = this.trees.get(store);
    if (!tree) {
      tree = new Maildir(path.join(this.mailRoot, store));
      this.trees.set(store, tree);
    }
    return tree;
  }

  /** The tree with its standard folders created. */
  async open(store: string): Promise<Maildir> {
    const tree = this.tree(store);
    for (const folder of STANDARD_FOLDERS) await tree.ensure(folder);
    return tree;
  }

  ledger(accountId: string): Promise<UidlLedger> {
    this.tree(accountId);
    let ledger = this.ledgers.get(accountId);
    if (!ledger) {
      ledger = UidlLedger.open(path.join(this.dataDir, 'pop3', `${accountId}.uidl`));
      ledger.catch(() => this.ledgers.delete(accountId));
      this.ledgers.set(accountId, ledger);
    }
    return ledger;
  }

  /** Runs `step` alone on this store: the next step on it starts when this one has settled. */
  exclusive<T>(store: string, step: () => Promise<T>): Promise<T> {
    const before = this.locks.get(store) ?? Promise.resolve();
    const run = before.then(step);
    const settled = run.catch(() => undefined);
    this.locks.set(store, settled);
    void settled.then(() => {
      if (this.locks.get(store) === settled) this.locks.delete(store);
    });
    return run;
  }

  /** Forgets cached ledgers (tests that simulate a restart). */
  reset(): void {
    this.ledgers.clear();
  }
}
