import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { createI18n } from 'vue-i18n';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../app/client';
import type { SecretStorageState } from '../../../app/contract/app';
import { PostboteError } from '../../../app/errors';
import shell from '../../../renderer/i18n/messages/shell';
import SecretStoragePanel from '../../../renderer/settings/SecretStoragePanel.vue';
import { choiceProblem, createSecretStorage, secretSummaryKey } from '../../../renderer/settings/secret-storage';

const state = (over: Partial<SecretStorageState>): SecretStorageState => ({ mode: 'system', chosen: false, system: 'keychain', locked: false, summary: 'main’s words', ...over });

/** A fake main: answers app.* from a script and records what was asked. */
function fakeApi(answer: (name: string, input: unknown) => SecretStorageState) {
  const calls: [string, unknown][] = [];
  const api = {
    call: async (name: string, input: unknown) => (calls.push([name, input]), answer(name, input)),
    on: () => () => undefined,
  } as unknown as ApiClient;
  return { api, calls };
}

async function renderPanel(props: { state: SecretStorageState | undefined; busy?: boolean; error?: undefined }, locale: 'en' | 'de' = 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { en: shell.en, de: shell.de } });
  const app = createSSRApp({ render: () => h(SecretStoragePanel, { busy: false, error: undefined, ...props }) });
  app.use(i18n);
  return renderToString(app);
}

describe('how passwords are kept, in words', () => {
  it('names every case main distinguishes', () => {
    expect(secretSummaryKey(state({ mode: 'master-password', locked: true }))).toBe('locked');
    expect(secretSummaryKey(state({ mode: 'master-password' }))).toBe('masterPassword');
    expect(secretSummaryKey(state({ mode: 'session', system: 'weak' }))).toBe('sessionNoKeyring');
    expect(secretSummaryKey(state({ mode: 'session', system: 'unavailable' }))).toBe('sessionNoKeyring');
    expect(secretSummaryKey(state({ mode: 'session', system: 'key-file' }))).toBe('session');
    expect(secretSummaryKey(state({ system: 'weak' }))).toBe('systemWeak');
    expect(secretSummaryKey(state({ system: 'key-file' }))).toBe('keyFile');
    expect(secretSummaryKey(state({}))).toBe('keychain');
    for (const key of ['locked', 'masterPassword', 'sessionNoKeyring', 'session', 'systemWeak', 'keyFile', 'keychain'] as const) {
      expect(shell.en.secrets.summary[key]).toBeTruthy();
      expect(shell.de.secrets.summary[key]).toBeTruthy();
    }
  });

  it('says why a choice cannot be applied yet', () => {
    expect(choiceProblem('system', state({ system: 'unavailable' }), '', '')).toBe('systemUnavailable');
    expect(choiceProblem('session', state({}), '', '')).toBeUndefined();
    expect(choiceProblem('master-password', state({}), 'short', 'short')).toBe('passwordShort');
    expect(choiceProblem('master-password', state({}), 'long enough', 'long enougj')).toBe('passwordsDiffer');
    expect(choiceProblem('master-password', state({}), 'long enough', 'long enough')).toBeUndefined();
  });
});

describe('the secret storage model over the API', () => {
  it('asks main at start and wants the unlock dialog when a master password is set and not entered', async () => {
    const { api } = fakeApi(() => state({ mode: 'master-password', locked: true, chosen: true }));
    const model = createSecretStorage(api);
    await model.refresh();
    expect(model.state.value?.locked).toBe(true);
    expect(model.unlockWanted.value).toBe(true);
  });

  it('unlocks with the password and closes the dialog; a wrong one stays with main’s error', async () => {
    let unlocked = false;
    const { api, calls } = fakeApi((name, input) => {
      if (name === 'app.unlockSecrets') {
        if ((input as { password: string }).password !== 'correct horse') throw new PostboteError({ code: 'AUTH_FAILED', message: 'That is not the master password.' });
        unlocked = true;
      }
      return state({ mode: 'master-password', locked: !unlocked, chosen: true });
    });
    const model = createSecretStorage(api);
    await model.refresh();
    expect(await model.unlock('wrong one!')).toBe(false);
    expect(model.error.value).toMatchObject({ code: 'AUTH_FAILED', message: 'That is not the master password.' });
    expect(model.unlockWanted.value).toBe(true);
    expect(await model.unlock('correct horse')).toBe(true);
    expect(model.unlockWanted.value).toBe(false);
    expect(model.error.value).toBeUndefined();
    expect(calls.map(([name]) => name)).toEqual(['app.secretStorage', 'app.unlockSecrets', 'app.unlockSecrets']);
  });

  it('passes the choice to main, the password only for a master password, and keeps SECRET_STORAGE_UNAVAILABLE as a typed error', async () => {
    const { api, calls } = fakeApi((name, input) => {
      const { mode } = input as { mode: SecretStorageState['mode'] };
      if (mode === 'system') throw new PostboteError({ code: 'SECRET_STORAGE_UNAVAILABLE', message: 'This computer offers no secure storage for passwords.' });
      return state({ mode, chosen: true, system: 'weak' });
    });
    const model = createSecretStorage(api);
    expect(await model.choose('session')).toBe(true);
    expect(model.state.value?.mode).toBe('session');
    expect(await model.choose('master-password', 'a long secret')).toBe(true);
    expect(await model.choose('system')).toBe(false);
    expect(model.error.value?.code).toBe('SECRET_STORAGE_UNAVAILABLE');
    expect(model.state.value?.mode).toBe('master-password');
    expect(calls).toEqual([
      ['app.setSecretStorage', { mode: 'session' }],
      ['app.setSecretStorage', { mode: 'master-password', password: 'a long secret' }],
      ['app.setSecretStorage', { mode: 'system' }],
    ]);
  });
});

describe('the settings panel', () => {
  it('shows the session-only state of browser mode in words, with that choice selected', async () => {
    const html = await renderPanel({ state: state({ mode: 'session', chosen: true, system: 'key-file' }) });
    expect(html).toContain('data-mode="session"');
    expect(html).toContain(shell.en.secrets.summary.session);
    expect(html).toMatch(/<input checked[^>]*value="session"/);
    expect(html).toContain(shell.en.secrets.mode.keyFile);
    expect(html).not.toContain('unlock-secrets-open');
  });

  it('on Linux without a keyring says why, in German too', async () => {
    const html = await renderPanel({ state: state({ mode: 'session', system: 'weak', backend: 'basic_text' }) }, 'de');
    expect(html).toContain(shell.de.secrets.summary.sessionNoKeyring);
    expect(html).toContain('basic_text');
    expect(html).toContain(shell.de.secrets.weakNote);
  });

  it('when locked offers the unlock, not the choice', async () => {
    const html = await renderPanel({ state: state({ mode: 'master-password', locked: true, chosen: true }) });
    expect(html).toContain(shell.en.secrets.summary.locked);
    expect(html).toContain('unlock-secrets-open');
    expect(html).not.toContain('secret-modes');
  });
});
