import { z } from 'zod';
import { request, event } from './define';
import { EmptySchema } from './schemas';

/** How account passwords are kept: the system's keychain, this session only, or a master password. */
export type SecretMode = 'system' | 'session' | 'master-password';

export interface SecretStorageState {
  mode: SecretMode;
  /** The user chose the mode (else it is the default for this system). */
  chosen: boolean;
  /** What the system offers: a real keychain, a weak one (Linux basic_text: as good as plain text), none, or browser mode's key file. */
  system: 'keychain' | 'weak' | 'unavailable' | 'key-file';
  /** Linux: the keyring backend Electron chose (basic_text, gnome_libsecret, kwallet…). */
  backend?: string;
  /** A master password is set but not entered yet. */
  locked: boolean;
  /** The state in words, for the user. */
  summary: string;
}

const MasterPasswordSchema = z.string().min(8).max(1024);

export interface AppInfo {
  name: string;
  version: string;
  /** 'electron' in the desktop window, 'browser' when served by the loopback bridge. */
  mode: 'electron' | 'browser';
  platform: string;
  versions: { node: string; electron?: string; chrome?: string };
}

export interface ProgressEvent {
  /** Identifies the long operation, e.g. "sync:<account>:<folder>". */
  operation: string;
  label: string;
  done: number;
  total: number;
}

export const appRequests = {
  'app.info': request<AppInfo>()(EmptySchema),
  /** How passwords are kept, in words the settings can show (e.g. "no keyring: kept for this session only"). */
  'app.secretStorage': request<SecretStorageState>()(EmptySchema),
  /** Moves every password to the chosen way of keeping them; a master password is required for that mode. */
  'app.setSecretStorage': request<SecretStorageState>()(
    z.object({ mode: z.enum(['system', 'session', 'master-password']), password: MasterPasswordSchema.optional() }).strict(),
  ),
  /** Unlocks passwords kept under the master password (at start). */
  'app.unlockSecrets': request<SecretStorageState>()(z.object({ password: MasterPasswordSchema }).strict()),
};

export const appEvents = {
  progress: event<ProgressEvent>(),
};
