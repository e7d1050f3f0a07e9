import { ref } from 'vue';
import type { ApiClient } from '../../app/client';
import type { SecretMode, SecretStorageState } from '../../app/contract/app';
import { PostboteError, type ErrorInfo } from '../../app/errors';

/**
 * Which sentence says how passwords are kept: the same cases as main's `summary` (main/accounts/secret-modes.ts),
 * as i18n keys under `secrets.summary`, so the window can say it in the user's language.
 */
export type SecretSummaryKey = 'locked' | 'masterPassword' | 'sessionNoKeyring' | 'session' | 'systemWeak' | 'keyFile' | 'keychain';

export function secretSummaryKey(state: Pick<SecretStorageState, 'mode' | 'system' | 'locked'>): SecretSummaryKey {
  if (state.mode === 'master-password') return state.locked ? 'locked' : 'masterPassword';
  if (state.mode === 'session') return state.system === 'weak' || state.system === 'unavailable' ? 'sessionNoKeyring' : 'session';
  if (state.system === 'weak') return 'systemWeak';
  if (state.system === 'key-file') return 'keyFile';
  return 'keychain';
}

/** Why a choice cannot be applied yet, as an i18n key under `secrets`; undefined when it can. */
export function choiceProblem(mode: SecretMode, state: SecretStorageState | undefined, password: string, repeated: string): 'systemUnavailable' | 'passwordShort' | 'passwordsDiffer' | undefined {
  if (mode === 'system' && state?.system === 'unavailable') return 'systemUnavailable';
  if (mode !== 'master-password') return undefined;
  if (password.length < 8) return 'passwordShort';
  if (password !== repeated) return 'passwordsDiffer';
  return undefined;
}

const asInfo = (caught: unknown): ErrorInfo => (caught instanceof PostboteError ? caught.toInfo() : { code: 'INTERNAL', message: caught instanceof Error ? caught.message : String(caught) });

/**
 * How main keeps the passwords, and the user's ways to change it: `app.secretStorage` (the state),
 * `app.setSecretStorage` (system keychain, this session only, or a master password) and
 * `app.unlockSecrets` (the master password at start). Takes the client so tests can give a fake one.
 */
export function createSecretStorage(api: ApiClient) {
  const state = ref<SecretStorageState>();
  const error = ref<ErrorInfo>();
  const busy = ref(false);
  /** The unlock dialog is shown: a master password is set and not entered yet. */
  const unlockWanted = ref(false);

  async function run(work: () => Promise<SecretStorageState>): Promise<boolean> {
    busy.value = true;
    error.value = undefined;
    try {
      state.value = await work();
      return true;
    } catch (caught) {
      error.value = asInfo(caught);
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** Asks main; at start, a locked master password opens the unlock dialog. */
  async function refresh(): Promise<void> {
    if (await run(() => api.call('app.secretStorage', {}))) unlockWanted.value = state.value?.locked === true;
  }

  const choose = (mode: SecretMode, password?: string) => run(() => api.call('app.setSecretStorage', password === undefined ? { mode } : { mode, password }));

  async function unlock(password: string): Promise<boolean> {
    const ok = await run(() => api.call('app.unlockSecrets', { password }));
    if (ok) unlockWanted.value = state.value?.locked === true;
    return ok;
  }

  return { state, error, busy, unlockWanted, refresh, choose, unlock };
}

export type SecretStorageModel = ReturnType<typeof createSecretStorage>;
