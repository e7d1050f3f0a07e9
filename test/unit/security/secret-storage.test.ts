import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountStore } from '../../../main/accounts/account-store';
import { KeyFileCipher } from '../../../main/accounts/secret-cipher';
import { MasterPasswordCipher } from '../../../main/accounts/master-password-cipher';
import { assessSafeStorage, OsKeychainCipher, type SafeStorageApi } from '../../../main/accounts/os-keychain-cipher';
import { ModalSecretStore } from '../../../main/accounts/secret-modes';

// Issue 18 (MEDIUM): on Linux without a keyring Electron's safeStorage falls back to 'basic_text'
// (a fixed key): passwords on disk were effectively plain text, and only isEncryptionAvailable()
// was checked. Electron itself cannot run here: safeStorage is a fake with the same surface.

/** basic_text in spirit: "encryption" anyone can undo. */
function fakeSafeStorage(backend: string, available = true): SafeStorageApi {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.from(`v11${plain}`),
    decryptString: (blob) => blob.toString().slice(3),
  };
}

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const dirOf = () => mkdtempSync(path.join(os.tmpdir(), 'postbote-secrets-'));
const filesContain = (dir: string, text: string) => readdirSync(dir).some((name) => readFileSync(path.join(dir, name)).toString('latin1').includes(text) || readFileSync(path.join(dir, name)).toString('base64').includes(Buffer.from(`v11${text}`).toString('base64')));

describe('the system keychain, as it really is', () => {
  it('tells a real keyring from basic_text', () => {
    expect(assessSafeStorage(fakeSafeStorage('basic_text'), 'linux')).toEqual({ strength: 'weak', backend: 'basic_text' });
    expect(assessSafeStorage(fakeSafeStorage('gnome_libsecret'), 'linux')).toEqual({ strength: 'keychain', backend: 'gnome_libsecret' });
    expect(assessSafeStorage(fakeSafeStorage('kwallet6'), 'linux').strength).toBe('keychain');
    expect(assessSafeStorage(fakeSafeStorage('unknown', false), 'linux').strength).toBe('unavailable');
    expect(assessSafeStorage(fakeSafeStorage(''), 'darwin').strength).toBe('keychain');
    expect(assessSafeStorage(fakeSafeStorage(''), 'win32').strength).toBe('keychain');
  });

  it('does not encrypt with basic_text unless the user chose to', async () => {
    const cipher = new OsKeychainCipher(fakeSafeStorage('basic_text'), 'linux');
    await expect(cipher.encrypt('Pa55')).rejects.toMatchObject({ code: 'SECRET_STORAGE_UNAVAILABLE', message: expect.stringContaining('no keyring') });
    cipher.acceptWeak = true;
    expect(await cipher.decrypt(await cipher.encrypt('Pa55'))).toBe('Pa55');
  });
});

describe('ways to keep passwords', () => {
  const draft = {
    name: 'Home',
    email: 'ann@example.org',
    displayName: 'Ann',
    incoming: { protocol: 'imap' as const, host: 'imap.example.org', port: 993, security: 'tls' as const, username: 'ann', password: 'incoming-Pa55!' },
    outgoing: { host: 'smtp.example.org', port: 465, security: 'tls' as const, username: 'ann', password: 'outgoing-Pa55!' },
  };

  it('without a keyring, keeps passwords for the session only and says so in words', async () => {
    const dir = dirOf();
    const secrets = new ModalSecretStore(dir, new OsKeychainCipher(fakeSafeStorage('basic_text'), 'linux'), FAST);
    const accounts = new AccountStore(dir, secrets);
    const account = await accounts.add(draft);
    expect(await accounts.password(account.id, 'incoming')).toBe('incoming-Pa55!');
    expect(filesContain(dir, 'incoming-Pa55!')).toBe(false);
    expect(await secrets.state()).toMatchObject({ mode: 'session', chosen: false, system: 'weak', backend: 'basic_text', locked: false, summary: expect.stringContaining('no keyring') });
    // A restart forgets them.
    const again = new AccountStore(dir, new ModalSecretStore(dir, new OsKeychainCipher(fakeSafeStorage('basic_text'), 'linux'), FAST));
    await expect(again.password(account.id, 'incoming')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('with a real keyring, keeps them encrypted by it', async () => {
    const dir = dirOf();
    const secrets = new ModalSecretStore(dir, new OsKeychainCipher(fakeSafeStorage('gnome_libsecret'), 'linux'), FAST);
    await secrets.set('a', 'x');
    expect((await secrets.state()).mode).toBe('system');
    expect(existsSync(path.join(dir, 'secrets.json'))).toBe(true);
  });

  it('under a master password: scrypt and AES-256-GCM, locked after a restart, opened only by the right password', async () => {
    const dir = dirOf();
    const secrets = new ModalSecretStore(dir, new OsKeychainCipher(fakeSafeStorage('basic_text'), 'linux'), FAST);
    await secrets.set('account:1:incoming', 'incoming-Pa55!');
    expect(await secrets.setMode('master-password', 'correct horse battery')).toMatchObject({ mode: 'master-password', chosen: true, locked: false });
    expect(await secrets.get('account:1:incoming')).toBe('incoming-Pa55!');
    expect(filesContain(dir, 'incoming-Pa55!')).toBe(false);
    const key = JSON.parse(readFileSync(path.join(dir, 'master-key.json'), 'utf8'));
    expect(key).toMatchObject({ version: 1, N: FAST.N, r: 8, p: 1 });
    expect(JSON.stringify(key)).not.toContain('correct horse');

    const restarted = new ModalSecretStore(dir, new OsKeychainCipher(fakeSafeStorage('basic_text'), 'linux'), FAST);
    expect(await restarted.state()).toMatchObject({ mode: 'master-password', locked: true, summary: expect.stringContaining('locked') });
    await expect(restarted.get('account:1:incoming')).rejects.toMatchObject({ code: 'SECRET_STORAGE_UNAVAILABLE' });
    await expect(restarted.unlock('wrong password')).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await restarted.unlock('correct horse battery');
    expect(await restarted.get('account:1:incoming')).toBe('incoming-Pa55!');
    // Back to the session: the sealed file is emptied.
    await restarted.setMode('session');
    expect(await restarted.get('account:1:incoming')).toBe('incoming-Pa55!');
    expect(JSON.parse(readFileSync(path.join(dir, 'secrets-master.json'), 'utf8')).secrets).toEqual({});
  });

  it('master password: a short one is refused, the key is bound to its salt', async () => {
    const cipher = new MasterPasswordCipher(path.join(dirOf(), 'k.json'), FAST);
    await expect(cipher.create('short')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await cipher.create('long enough password');
    const blob = await cipher.encrypt('secret');
    expect(blob.toString('latin1')).not.toContain('secret');
    expect(await cipher.decrypt(blob)).toBe('secret');
    blob[blob.length - 1]! ^= 1;
    await expect(cipher.decrypt(blob)).rejects.toThrow();
  });

  it('browser mode keeps its key-file cipher as the default and says what it protects against', async () => {
    const dir = dirOf();
    const secrets = new ModalSecretStore(dir, new KeyFileCipher(path.join(dir, 'secret.key')), FAST);
    expect(await secrets.state()).toMatchObject({ mode: 'system', system: 'key-file' });
  });
});
