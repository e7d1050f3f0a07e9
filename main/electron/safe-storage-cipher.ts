import { safeStorage } from 'electron';
import { OsKeychainCipher } from '../accounts/os-keychain-cipher';

/**
 * Secrets encrypted by the operating system's keychain (Keychain, DPAPI, libsecret/kwallet): Electron's
 * safeStorage handed to the logic in main/accounts, which also tells a real keyring from Linux's
 * `basic_text` fallback (see OsKeychainCipher, unit-tested with a fake).
 */
export function safeStorageCipher(): OsKeychainCipher {
  return new OsKeychainCipher(safeStorage, process.platform);
}
