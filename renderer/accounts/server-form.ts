import { watch } from 'vue';
import type { Pop3Options, Pop3Retention, Security } from '../../app/domain/account';
import type { DiscoveredServer, DiscoveredSettings } from '../../app/domain/discovery';

/** The server and POP3 parts of the account forms (add and edit), as plain data and pure helpers. */
const DEFAULT_PORTS: Record<'imap' | 'pop3' | 'smtp', Record<Security, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  pop3: { tls: 995, starttls: 110, none: 110 },
  smtp: { tls: 465, starttls: 587, none: 587 },
};

export interface ServerForm {
  host: string;
  port: number;
  security: Security;
  username: string;
  password: string;
  trustedCertificates: string[];
  authMethod: 'password' | 'xoauth2';
  /** Set by the form's "send unencrypted" checkbox; travels in the draft (main refuses plain text to the network without it). */
  insecureConfirmed?: true | undefined;
}

export function serverForm(port: number): ServerForm {
  return { host: '', port, security: 'tls', username: '', password: '', trustedCertificates: [], authMethod: 'password' };
}

/** Puts a found server into the form's fields (the user may still change every one of them). */
export function applyServer(server: ServerForm, found: DiscoveredServer): void {
  server.host = found.host;
  server.port = found.port;
  server.security = found.security;
  server.username = found.username;
  server.authMethod = found.auth === 'oauth2' ? 'xoauth2' : 'password';
}

/** The found server of a protocol: the first of the list, which main ranked best first. */
export function foundServer(settings: DiscoveredSettings, protocol: 'imap' | 'pop3' | 'smtp'): DiscoveredServer | undefined {
  return (protocol === 'smtp' ? settings.outgoing : settings.incoming).find((s) => s.protocol === protocol);
}

/** Keeps the port on the protocol's default while the user has not typed one of their own. */
export function followDefaultPort(server: ServerForm, protocol: () => 'imap' | 'pop3' | 'smtp') {
  watch([() => server.security, protocol], ([security, proto], [oldSecurity, oldProto]) => {
    if (server.port === DEFAULT_PORTS[oldProto][oldSecurity]) server.port = DEFAULT_PORTS[proto][security];
  });
}

export interface Pop3Form {
  retention: Pop3Retention['kind'];
  days: number;
  sizeLimitKb: number;
  checkEveryMinutes: number;
}

export function pop3Options(pop3: Pop3Form): Pop3Options {
  const retention: Pop3Retention = pop3.retention === 'delete-after-days' ? { kind: pop3.retention, days: Math.max(1, Math.round(pop3.days)) } : { kind: pop3.retention };
  const options: Pop3Options = { retention, checkEveryMinutes: Math.max(0, Math.round(pop3.checkEveryMinutes)) };
  if (pop3.sizeLimitKb > 0) options.sizeLimitBytes = Math.round(pop3.sizeLimitKb * 1024);
  return options;
}

