import { computed, reactive, ref, watch } from 'vue';
import type { AccountDraft, IncomingProtocol, Pop3Retention } from '../../app/domain/account';
import type { AccountTestResult, CertificateInfo } from '../../app/domain/connection';
import type { DiscoveredSettings } from '../../app/domain/discovery';
import { PostboteError, type ErrorInfo } from '../../app/errors';
import { useAccountsStore } from './accounts-store';
import { applyServer, followDefaultPort, foundServer, pop3Options, serverForm } from './server-form';

/** The "Add account" form: test first, then add; a certificate the user chose to trust is kept with the server. */
export function useAccountForm() {
  const accounts = useAccountsStore();
  const form = reactive({
    name: '',
    email: '',
    displayName: '',
    protocol: 'imap' as IncomingProtocol,
    incoming: serverForm(993),
    outgoing: serverForm(465),
    sameCredentials: true,
    pop3: { retention: 'keep' as Pop3Retention['kind'], days: 14, sizeLimitKb: 0, checkEveryMinutes: 10 },
  });
  const busy = ref<'testing' | 'adding' | 'signing-in'>();
  const discovery = reactive({ state: 'idle' as 'idle' | 'searching' | 'found' | 'not-found', address: '', settings: undefined as DiscoveredSettings | undefined, error: undefined as ErrorInfo | undefined });
  /** The sign-in an OAuth account will use; its name stands where a password would. */
  const signedIn = ref<{ providerId: string; tokenKey: string }>();
  const result = ref<AccountTestResult>();
  const error = ref<ErrorInfo>();

  followDefaultPort(form.incoming, () => form.protocol);
  followDefaultPort(form.outgoing, () => 'smtp');
  watch(
    () => form.email,
    (email, previous) => {
      if (!form.incoming.username || form.incoming.username === previous) form.incoming.username = email;
      if (!form.name || form.name === previous) form.name = email;
    },
  );

  const draft = computed<AccountDraft>(() => {
    const { trustedCertificates: incomingTrust, authMethod: incomingAuth, ...incoming } = form.incoming;
    const { trustedCertificates: outgoingTrust, authMethod: outgoingAuth, ...outgoing } = form.outgoing;
    const outgoingCredentials = form.sameCredentials ? { username: incoming.username, password: incoming.password } : {};
    return {
      name: form.name || form.email,
      email: form.email,
      displayName: form.displayName,
      incoming: { ...incoming, protocol: form.protocol, ...(incomingTrust.length ? { trustedCertificates: incomingTrust } : {}), ...(incomingAuth === 'xoauth2' ? { authMethod: incomingAuth } : {}) },
      outgoing: { ...outgoing, ...outgoingCredentials, ...(outgoingTrust.length ? { trustedCertificates: outgoingTrust } : {}), ...(outgoingAuth === 'xoauth2' ? { authMethod: outgoingAuth } : {}) },
      ...(form.protocol === 'pop3' ? { pop3: pop3Options(form.pop3) } : {}),
    };
  });

  // What discovery last put into the host fields: a host the user typed since is never overwritten.
  let filledHosts = { incoming: '', outgoing: '' };
  const untouched = () => (form.incoming.host === '' || form.incoming.host === filledHosts.incoming) && (form.outgoing.host === '' || form.outgoing.host === filledHosts.outgoing);

  function applyDiscovered(settings: DiscoveredSettings): void {
    const incoming = foundServer(settings, form.protocol) ?? settings.incoming[0];
    const outgoing = foundServer(settings, 'smtp');
    if (incoming && incoming.protocol !== 'smtp') {
      form.protocol = incoming.protocol;
      applyServer(form.incoming, incoming);
    }
    if (outgoing) applyServer(form.outgoing, outgoing);
    // Servers that want a different user name for sending than for receiving keep their own.
    form.sameCredentials = settings.auth === 'oauth2' || !outgoing || !incoming || outgoing.username === incoming.username;
    filledHosts = { incoming: form.incoming.host, outgoing: form.outgoing.host };
  }

  /** Asks main for the address's settings; they fill the fields unless the user has typed servers already. */
  async function discover(options: { force?: boolean } = {}): Promise<void> {
    const address = form.email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) return;
    if (!options.force && (discovery.address === address || !untouched())) return;
    discovery.state = 'searching';
    discovery.address = address;
    discovery.error = undefined;
    discovery.settings = undefined;
    try {
      const settings = await accounts.discover(address);
      if (discovery.address !== address) return;
      discovery.settings = settings;
      discovery.state = 'found';
      signedIn.value = undefined;
      if (options.force || untouched()) applyDiscovered(settings);
    } catch (caught) {
      if (discovery.address !== address) return;
      discovery.state = 'not-found';
      discovery.error = asErrorInfo(caught);
    }
  }

  // Switching IMAP/POP3 takes the found server of that protocol, where there is one.
  watch(
    () => form.protocol,
    (protocol) => {
      const found = discovery.settings && foundServer(discovery.settings, protocol);
      if (found && (form.incoming.host === '' || form.incoming.host === filledHosts.incoming)) {
        applyServer(form.incoming, found);
        filledHosts.incoming = found.host;
      }
    },
    { flush: 'sync' },
  );

  /** The provider's page opens in the system browser; main keeps the tokens and answers with their name. */
  async function signIn(): Promise<boolean> {
    const oauth = discovery.settings?.oauth;
    if (!oauth) return false;
    busy.value = 'signing-in';
    error.value = undefined;
    try {
      const result = await accounts.oauthSignIn(form.email.trim(), oauth.providerId);
      signedIn.value = { providerId: result.providerId, tokenKey: result.tokenKey };
      form.incoming.password = result.tokenKey;
      form.outgoing.password = result.tokenKey;
      form.incoming.authMethod = 'xoauth2';
      form.outgoing.authMethod = 'xoauth2';
      return true;
    } catch (caught) {
      error.value = asErrorInfo(caught);
      return false;
    } finally {
      busy.value = undefined;
    }
  }

  const asErrorInfo = (caught: unknown): ErrorInfo =>
    caught instanceof PostboteError ? caught.toInfo() : { code: 'INTERNAL', message: String(caught) };

  async function test(): Promise<boolean> {
    busy.value = 'testing';
    error.value = undefined;
    result.value = undefined;
    try {
      result.value = await accounts.test(draft.value);
      return result.value.ok;
    } catch (caught) {
      error.value = asErrorInfo(caught);
      return false;
    } finally {
      busy.value = undefined;
    }
  }

  /** Tests, and adds only when both servers worked: an account that cannot log in is no use to anyone. */
  async function testAndAdd(): Promise<boolean> {
    if (!(await test())) return false;
    busy.value = 'adding';
    try {
      await accounts.add(draft.value);
      return true;
    } catch (caught) {
      error.value = asErrorInfo(caught);
      return false;
    } finally {
      busy.value = undefined;
    }
  }

  function trust(role: 'incoming' | 'outgoing', certificate: CertificateInfo): void {
    const list = form[role].trustedCertificates;
    if (!list.includes(certificate.pem)) list.push(certificate.pem);
    // Outgoing and incoming usually share a host and its certificate.
    const other = form[role === 'incoming' ? 'outgoing' : 'incoming'];
    if (other.host === form[role].host && !other.trustedCertificates.includes(certificate.pem)) other.trustedCertificates.push(certificate.pem);
    // The old result described the untrusted attempt; the next test starts from the new trust.
    result.value = undefined;
  }

  return { form, busy, result, error, test, testAndAdd, trust, discovery, discover, signIn, signedIn };
}
