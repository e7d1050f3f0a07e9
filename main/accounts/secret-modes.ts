import path from 'node:path';
import type { SecretMode, SecretStorageState } from '../../app/contract/app';
import { PostboteError } from '../../app/errors';
import { readJson, writeJsonAtomic } from '../storage/json-file';
import { MasterPasswordCipher, SCRYPT_PARAMS } from './master-password-cipher';
import type { KeychainStrength } from './os-keychain-cipher';
import type { SecretCipher } from './secret-cipher';
import { SecretVault, type SecretStore } from './secret-vault';

/** The system cipher as this module sees it: the OS keychain (can tell its strength) or browser mode's key file. */
export type SystemCipher = SecretCipher & { assess?(): { strength: KeychainStrength; backend?: string }; acceptWeak?: boolean };

/** Passwords for this session only: never written anywhere. */
export class MemoryVault implements SecretStore {
  private readonly secrets = new Map<string, string>();
  async get(name: string) {
    return this.secrets.get(name);
  }
  async set(name: string, secret: string) {
    this.secrets.set(name, secret);
  }
  async deleteWithPrefix(prefix: string) {
    for (const name of [...this.secrets.keys()]) if (name.startsWith(prefix)) this.secrets.delete(name);
  }
  async all() {
    return Object.fromEntries(this.secrets);
  }
}

/**
 * The three ways Postbote can keep account passwords, and the user's choice between them:
 * - `system`: encrypted by the OS keychain (desktop) or browser mode's key file;
 * - `session`: in memory only, asked again after a restart;
 * - `master-password`: scrypt + AES-256-GCM under a password the user types at start.
 * Without a choice, a system that cannot keep secrets well (Linux without a keyring: Chromium's
 * `basic_text`, effectively plain text) gets `session`, and the state says why in words.
 */
export class ModalSecretStore implements SecretStore {
  private mode: SecretMode | undefined;
  private chosen = false;
  private readonly modeFile: string;
  private readonly system: SecretVault;
  private readonly memory = new MemoryVault();
  private readonly master: MasterPasswordCipher;
  private readonly masterVault: SecretVault;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly systemCipher: SystemCipher,
    scryptParams = SCRYPT_PARAMS,
  ) {
    this.modeFile = path.join(dataDir, 'secret-mode.json');
    this.system = new SecretVault(dataDir, systemCipher);
    this.master = new MasterPasswordCipher(path.join(dataDir, 'master-key.json'), scryptParams);
    this.masterVault = new SecretVault(dataDir, this.master, 'secrets-master.json');
  }

  private systemStrength(): { strength: KeychainStrength | 'key-file'; backend?: string } {
    return this.systemCipher.assess?.() ?? { strength: 'key-file' };
  }

  private async currentMode(): Promise<SecretMode> {
    if (this.mode) return this.mode;
    const saved = await readJson<{ mode?: SecretMode }>(this.modeFile, {});
    if (saved.mode) {
      this.mode = saved.mode;
      this.chosen = true;
      // The user chose the system's storage knowing it is weak.
      if (saved.mode === 'system') this.systemCipher.acceptWeak = true;
    } else {
      const { strength } = this.systemStrength();
      this.mode = strength === 'keychain' || strength === 'key-file' ? 'system' : 'session';
    }
    return this.mode;
  }

  private async store(): Promise<SecretStore> {
    const mode = await this.currentMode();
    return mode === 'system' ? this.system : mode === 'session' ? this.memory : this.masterVault;
  }

  async get(name: string): Promise<string | undefined> {
    const found = await (await this.store()).get(name);
    // A session on a weak system still reads what an earlier version stored there.
    if (found === undefined && this.mode === 'session' && !this.chosen) return this.system.get(name).catch(() => undefined);
    return found;
  }

  async set(name: string, secret: string): Promise<void> {
    await (await this.store()).set(name, secret);
  }

  async deleteWithPrefix(prefix: string): Promise<void> {
    await (await this.store()).deleteWithPrefix(prefix);
    if (this.mode === 'session' && !this.chosen) await this.system.deleteWithPrefix(prefix).catch(() => undefined);
  }

  async all(): Promise<Record<string, string>> {
    return (await this.store()).all();
  }

  async state(): Promise<SecretStorageState> {
    const mode = await this.currentMode();
    const { strength, backend } = this.systemStrength();
    const locked = mode === 'master-password' && !this.master.unlocked;
    return { mode, chosen: this.chosen, system: strength, ...(backend ? { backend } : {}), locked, summary: summary(mode, strength, locked) };
  }

  /** Moves every password to the chosen way of keeping them and remembers the choice. */
  setMode(mode: SecretMode, password?: string): Promise<SecretStorageState> {
    const next = this.queue.then(async () => {
      const from = await this.store();
      const secrets = await from.all();
      const { strength } = this.systemStrength();
      if (mode === 'system') {
        if (strength === 'unavailable') throw new PostboteError({ code: 'SECRET_STORAGE_UNAVAILABLE', message: 'This computer offers no secure storage for passwords.' });
        this.systemCipher.acceptWeak = true;
      }
      if (mode === 'master-password') {
        if (!password) throw new PostboteError({ code: 'INVALID_INPUT', message: 'Choose a master password.' });
        await this.master.create(password);
      }
      const to = mode === 'system' ? this.system : mode === 'session' ? this.memory : this.masterVault;
      if (to !== from) {
        for (const [name, secret] of Object.entries(secrets)) await to.set(name, secret);
        await from.deleteWithPrefix('');
        // Leaving the weak default: what an earlier version left in the system file goes too.
        if (from === this.memory && !this.chosen && to !== this.system) await this.system.deleteWithPrefix('').catch(() => undefined);
      }
      await writeJsonAtomic(this.modeFile, { mode });
      this.mode = mode;
      this.chosen = true;
      return this.state();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async unlock(password: string): Promise<SecretStorageState> {
    await this.master.unlock(password);
    return this.state();
  }
}

function summary(mode: SecretMode, strength: KeychainStrength | 'key-file', locked: boolean): string {
  if (mode === 'master-password') return locked ? 'Your passwords are locked. Enter your master password to use your accounts.' : 'Your passwords are encrypted with your master password.';
  if (mode === 'session') {
    return strength === 'weak' || strength === 'unavailable'
      ? 'This computer has no keyring (such as GNOME Keyring or KWallet), so passwords saved on disk would be as good as plain text. Postbote keeps them only until you close it; set a master password to keep them safely.'
      : 'Postbote keeps your passwords only until you close it.';
  }
  if (strength === 'weak') return 'Your passwords are saved without a keyring: anyone who can read your files can read them. A master password would protect them.';
  if (strength === 'key-file') return 'Your passwords are encrypted with a key in Postbote’s data folder (browser mode): they are safe from a glance, not from someone who can read that folder.';
  return 'Your passwords are encrypted by your system’s keychain.';
}
