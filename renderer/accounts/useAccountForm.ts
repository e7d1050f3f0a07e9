import { computed, reactive, ref, watch } from 'vue';
import type { AccountDraft, IncomingProtocol, Pop3Options, Pop3Retention, Security } from '../../app/domain/account';
import type { AccountTestResult, CertificateInfo } from '../../app/domain/connection';
import { PostboteError, type ErrorInfo } from '../../app/errors';
import { useAccountsStore } from './accounts-store';

const DEFAULT_PORTS: Record<'imap' | 'pop3' | 'smtp', Record<Security, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  pop3: { tls: 995, starttls: 110, none: 110 },
  smtp: { tls: 465, starttls: 587, none: 587 },
};

interface ServerForm {
  host: string;
  port: number;
  security: Security;
  username: string;
  password: string;
  trustedCertificates: string[];
  /** Set by the form's "send unencrypted" checkbox; travels in the draft (main refuses plain text to the network without it). */
  insecureConfirmed?: true | undefined;
}

function serverForm(port: number): ServerForm {
  return { host: '', port, security: 'tls', username: '', password: '', trustedCertificates: [] };
}

/** Keeps the port on the protocol's default while the user has not typed one of their own. */
function followDefaultPort(server: ServerForm, protocol: () => 'imap' | 'pop3' | 'smtp') {
  watch([() => server.security, protocol], ([security, proto], [oldSecurity, oldProto]) => {
    if (server.port === DEFAULT_PORTS[oldProto][oldSecurity]) server.port = DEFAULT_PORTS[proto][security];
  });
}

interface Pop3Form {
  retention: Pop3Retention['kind'];
  days: number;
  sizeLimitKb: number;
  checkEveryMinutes: number;
}

function pop3Options(pop3: Pop3Form): Pop3Options {
  const retention: Pop3Retention = pop3.retention === 'delete-after-days' ? { kind: pop3.retention, days: Math.max(1, Math.round(pop3.days)) } : { kind: pop3.retention };
  const options: Pop3Options = { retention, checkEveryMinutes: Math.max(0, Math.round(pop3.checkEveryMinutes)) };
  if (pop3.sizeLimitKb > 0) options.sizeLimitBytes = Math.round(pop3.sizeLimitKb * 1024);
  return options;
}

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
  const busy = ref<'testing' | 'adding'>();
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
    const { trustedCertificates: incomingTrust, ...incoming } = form.incoming;
    const { trustedCertificates: outgoingTrust, ...outgoing } = form.outgoing;
    const outgoingCredentials = form.sameCredentials ? { username: incoming.username, password: incoming.password } : {};
    return {
      name: form.name || form.email,
      email: form.email,
      displayName: form.displayName,
      incoming: { ...incoming, protocol: form.protocol, ...(incomingTrust.length ? { trustedCertificates: incomingTrust } : {}) },
      outgoing: { ...outgoing, ...outgoingCredentials, ...(outgoingTrust.length ? { trustedCertificates: outgoingTrust } : {}) },
      ...(form.protocol === 'pop3' ? { pop3: pop3Options(form.pop3) } : {}),
    };
  });

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

  return { form, busy, result, error, test, testAndAdd, trust };
}
