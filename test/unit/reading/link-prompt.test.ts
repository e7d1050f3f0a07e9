import { createPinia, setActivePinia } from 'pinia';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { createI18n } from 'vue-i18n';
import { describe, expect, it, vi } from 'vitest';
import reader from '../../../renderer/i18n/messages/reader';
import shell from '../../../renderer/i18n/messages/shell';
import insight from '../../../renderer/i18n/messages/insight';

// The store reaches main through the API client, which needs a window; this test only renders.
vi.mock('../../../renderer/api', () => ({ api: { call: async () => ({}), on: () => () => undefined }, transportKind: 'bridge' }));

// The stores remember preferences in localStorage; the i18n module picks its language from navigator.
vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
vi.stubGlobal('navigator', { language: 'en' });

const { default: LinkPrompt } = await import('../../../renderer/reading/LinkPrompt.vue');

async function render(href: string, text: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  // The reader store starts from this state (as after server-side rendering), so the test needs no browser globals' types.
  pinia.state.value.reader = { linkPrompt: { href, text, openable: true, mismatch: { shown: 'bank.example', actual: 'evil.example' } } };
  const app = createSSRApp({ render: () => h(LinkPrompt) });
  app.use(pinia).use(createI18n({ legacy: false, locale: 'en', messages: { en: { ...shell.en, ...insight.en, ...reader.en } } }));
  return renderToString(app);
}

describe('the link prompt shows the address that is actually opened', () => {
  it('the normalised URL (punycode host), and the mail’s spelling apart', async () => {
    const html = await render('https://bаnk.example/login', 'https://bank.example');
    expect(html).toContain('<code class="link-target">https://xn--bnk-6cd.example/login</code>');
    expect(html).toContain('As written in the mail: https://bаnk.example/login');
  });

  it('no second line when the mail wrote it the way it opens', async () => {
    const html = await render('https://example.org/a', 'here');
    expect(html).toContain('<code class="link-target">https://example.org/a</code>');
    expect(html).not.toContain('link-written');
  });
});
