import { PostboteError } from '../../app/errors';
import type { SecretCipher } from './secret-cipher';

/** The part of Electron's safeStorage Postbote uses (main/electron passes the real one; tests a fake). */
export interface SafeStorageApi {
  isEncryptionAvailable(): boolean;
  /** Linux only: 'basic_text', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6' or 'unknown'. */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(blob: Buffer): string;
}

/**
 * How well the system keeps secrets: `keychain` (Keychain, DPAPI, libsecret, KWallet), `weak`
 * (Linux without a keyring: Chromium's `basic_text` backend encrypts with a fixed key, so a
 * password on disk is as good as plain text), `unavailable` (no encryption at all).
 */
export type KeychainStrength = 'keychain' | 'weak' | 'unavailable';

export function assessSafeStorage(api: SafeStorageApi, platform: NodeJS.Platform): { strength: KeychainStrength; backend?: string } {
  if (!api.isEncryptionAvailable()) return { strength: 'unavailable' };
  if (platform !== 'linux') return { strength: 'keychain' };
  // Before the app is ready the backend is not chosen yet ('unknown'); after, it is one of the above.
  const backend = api.getSelectedStorageBackend?.() ?? 'unknown';
  return { strength: backend === 'basic_text' || backend === 'unknown' ? 'weak' : 'keychain', backend };
}

/**
 * Secrets encrypted by the operating system's keychain. With a weak backend it still decrypts what
 * an earlier version stored, but encrypts only when the user chose to keep passwords this way
 * anyway (`acceptWeak`); otherwise the vault keeps them for the session or under a master password.
 */
export class OsKeychainCipher implements SecretCipher {
  readonly kind = 'electron-safe-storage';
  acceptWeak = false;

  constructor(
    private readonly api: SafeStorageApi,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  assess(): { strength: KeychainStrength; backend?: string } {
    return assessSafeStorage(this.api, this.platform);
  }

  async encrypt(plain: string): Promise<Buffer> {
    const { strength } = this.assess();
    if (strength === 'unavailable' || (strength === 'weak' && !this.acceptWeak)) {
      throw new PostboteError({
        code: 'SECRET_STORAGE_UNAVAILABLE',
        message:
          strength === 'weak'
            ? 'This computer has no keyring (such as GNOME Keyring or KWallet) running, so a password saved on disk would be as good as plain text. Postbote keeps passwords for this session only, or under a master password you choose.'
            : 'This computer offers no secure storage for passwords (no keychain or secret service is running), so Postbote will not store them.',
      });
    }
    return this.api.encryptString(plain);
  }

  async decrypt(blob: Buffer): Promise<string> {
    if (this.assess().strength === 'unavailable') {
      throw new PostboteError({ code: 'SECRET_STORAGE_UNAVAILABLE', message: 'This computer offers no secure storage for passwords right now (no keychain or secret service is running).' });
    }
    return this.api.decryptString(blob);
  }
}
