import { safeStorage } from 'electron';
import type { SecretCipher } from '../accounts/secret-cipher';
import { PostboteError } from '../../app/errors';

/** Secrets encrypted by the operating system's keychain (Keychain, DPAPI, libsecret/kwallet). */
export class SafeStorageCipher implements SecretCipher {
  readonly kind = 'electron-safe-storage';

  async encrypt(plain: string): Promise<Buffer> {
    this.ensureAvailable();
    return safeStorage.encryptString(plain);
  }

  async decrypt(blob: Buffer): Promise<string> {
    this.ensureAvailable();
    return safeStorage.decryptString(blob);
  }

  private ensureAvailable(): void {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new PostboteError({
        code: 'SECRET_STORAGE_UNAVAILABLE',
        message: 'This computer offers no secure storage for passwords (no keychain or secret service is running), so Postbote will not store them.',
      });
    }
  }
}
