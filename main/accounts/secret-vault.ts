import path from 'node:path';
import { readJson, writeJsonAtomic } from '../storage/json-file';
import type { SecretCipher } from './secret-cipher';

type VaultFile = { cipher: string; secrets: Record<string, string> };

/** Where account passwords live: a file under a cipher, memory for the session, or a mode switch between them. */
export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, secret: string): Promise<void>;
  deleteWithPrefix(prefix: string): Promise<void>;
  /** Every secret in plain text, for moving them to another store. */
  all(): Promise<Record<string, string>>;
}

/** Named secrets, each encrypted by the cipher, in one 0600 file. Never leaves the main process. */
export class SecretVault implements SecretStore {
  private readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly cipher: SecretCipher,
    fileName = 'secrets.json',
  ) {
    this.file = path.join(dataDir, fileName);
  }

  async all(): Promise<Record<string, string>> {
    const vault = await this.read();
    const out: Record<string, string> = {};
    for (const [name, blob] of Object.entries(vault.secrets)) out[name] = await this.cipher.decrypt(Buffer.from(blob, 'base64'));
    return out;
  }

  async get(name: string): Promise<string | undefined> {
    const vault = await this.read();
    const blob = vault.secrets[name];
    return blob === undefined ? undefined : this.cipher.decrypt(Buffer.from(blob, 'base64'));
  }

  set(name: string, secret: string): Promise<void> {
    return this.update(async (vault) => {
      vault.secrets[name] = (await this.cipher.encrypt(secret)).toString('base64');
    });
  }

  deleteWithPrefix(prefix: string): Promise<void> {
    return this.update(async (vault) => {
      for (const name of Object.keys(vault.secrets)) if (name.startsWith(prefix)) delete vault.secrets[name];
    });
  }

  private read(): Promise<VaultFile> {
    return readJson<VaultFile>(this.file, { cipher: this.cipher.kind, secrets: {} });
  }

  /** Serialised read-modify-write, so two concurrent saves cannot drop each other's secret. */
  private update(change: (vault: VaultFile) => Promise<void>): Promise<void> {
    const next = this.queue.then(async () => {
      const vault = await this.read();
      await change(vault);
      await writeJsonAtomic(this.file, vault);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
