import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Encrypts secrets at rest. In Electron this is safeStorage (the OS keychain); in browser mode a key file. */
export interface SecretCipher {
  readonly kind: string;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(blob: Buffer): Promise<string>;
}

/**
 * Browser mode has no OS keychain: AES-256-GCM with a random key kept in its own 0600 file in the
 * data folder. This keeps passwords out of plain sight in the secrets file and backups of it; it
 * is not a defence against someone who can read the whole data folder.
 */
export class KeyFileCipher implements SecretCipher {
  readonly kind = 'key-file';
  private key: Buffer | undefined;

  constructor(private readonly keyFile: string) {}

  async encrypt(plain: string): Promise<Buffer> {
    const key = await this.loadKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  async decrypt(blob: Buffer): Promise<string> {
    const key = await this.loadKey();
    const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
    decipher.setAuthTag(blob.subarray(12, 28));
    return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8');
  }

  private async loadKey(): Promise<Buffer> {
    if (this.key) return this.key;
    try {
      this.key = await fs.readFile(this.keyFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await fs.mkdir(path.dirname(this.keyFile), { recursive: true, mode: 0o700 });
      const key = randomBytes(32);
      await fs.writeFile(this.keyFile, key, { mode: 0o600, flag: 'wx' }).catch(async (writeError: NodeJS.ErrnoException) => {
        if (writeError.code !== 'EEXIST') throw writeError;
      });
      this.key = await fs.readFile(this.keyFile);
    }
    return this.key;
  }
}
