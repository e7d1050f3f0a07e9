import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { PostboteError } from '../../app/errors';
import { readJson, writeJsonAtomic } from '../storage/json-file';
import type { SecretCipher } from './secret-cipher';

/** scrypt cost: 2^17 × 8 × 128 B = 128 MiB and ~0.3 s a derivation (OWASP's minimum is 2^17, r=8, p=1). */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 };

interface KeyFile {
  version: 1;
  salt: string;
  N: number;
  r: number;
  p: number;
  /** A known text sealed with the key: tells a wrong password from a right one without a plain hash. */
  check: string;
}

const CHECK_TEXT = 'postbote master password';

function deriveKey(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r + 16 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export function seal(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, blob: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
  decipher.setAuthTag(blob.subarray(12, 28));
  return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]);
}

/**
 * Secrets under a master password the user chose: a key derived with scrypt (random salt), each
 * secret sealed with AES-256-GCM. The key lives in memory only while unlocked; on disk are the
 * salt, the cost and a sealed check text. Without the password nothing can be read.
 */
export class MasterPasswordCipher implements SecretCipher {
  readonly kind = 'master-password';
  private key: Buffer | undefined;

  constructor(
    private readonly keyFile: string,
    private readonly params = SCRYPT_PARAMS,
  ) {}

  get unlocked(): boolean {
    return this.key !== undefined;
  }

  async isSet(): Promise<boolean> {
    return (await readJson<KeyFile | undefined>(this.keyFile, undefined)) !== undefined;
  }

  /** A new master password (new salt): the caller re-encrypts the secrets with it. */
  async create(password: string): Promise<void> {
    if (password.length < 8) throw new PostboteError({ code: 'INVALID_INPUT', message: 'A master password needs at least 8 characters.' });
    const salt = randomBytes(16);
    const key = await deriveKey(password, salt, this.params);
    const file: KeyFile = { version: 1, salt: salt.toString('base64'), ...this.params, check: seal(key, Buffer.from(CHECK_TEXT)).toString('base64') };
    await writeJsonAtomic(this.keyFile, file);
    this.key = key;
  }

  async unlock(password: string): Promise<void> {
    const file = await readJson<KeyFile | undefined>(this.keyFile, undefined);
    if (!file) throw new PostboteError({ code: 'NOT_FOUND', message: 'No master password has been set.' });
    const key = await deriveKey(password, Buffer.from(file.salt, 'base64'), file);
    let check: Buffer;
    try {
      check = open(key, Buffer.from(file.check, 'base64'));
    } catch {
      throw new PostboteError({ code: 'AUTH_FAILED', message: 'That is not the master password.' });
    }
    if (check.length !== CHECK_TEXT.length || !timingSafeEqual(check, Buffer.from(CHECK_TEXT))) throw new PostboteError({ code: 'AUTH_FAILED', message: 'That is not the master password.' });
    this.key = key;
  }

  lock(): void {
    this.key?.fill(0);
    this.key = undefined;
  }

  private ready(): Buffer {
    if (!this.key) throw new PostboteError({ code: 'SECRET_STORAGE_UNAVAILABLE', message: 'Your passwords are locked: enter the master password to use your accounts.' });
    return this.key;
  }

  async encrypt(plain: string): Promise<Buffer> {
    return seal(this.ready(), Buffer.from(plain, 'utf8'));
  }

  async decrypt(blob: Buffer): Promise<string> {
    return open(this.ready(), blob).toString('utf8');
  }
}
