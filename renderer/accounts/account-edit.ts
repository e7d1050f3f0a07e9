import type { Account, AccountUpdate, Identity, Pop3Retention } from '../../app/domain/account';
import { pop3Options, type Pop3Form, type ServerForm } from './server-form';

/** The "Edit account" form's state: what is stored, with empty password fields (empty = keep). */
export interface AccountEditForm {
  name: string;
  displayName: string;
  incoming: ServerForm;
  outgoing: ServerForm;
  pop3: Pop3Form;
  color: string;
  syncEveryMinutes: number;
  notify: boolean;
  quietFolders: string;
  /** Each with its signature as typed ('' = the account's). */
  identities: Required<Identity>[];
  /** Under mail from the account's own address, and from identities without their own. */
  signature: string;
  /** IMAP: paths of the folders whose messages are downloaded for reading offline. */
  offlineFolders: string[];
}

export const DEFAULT_ACCOUNT_COLOR = '#4a7bd0';

function pop3Form(account: Account): Pop3Form {
  const retention = account.pop3?.retention ?? ({ kind: 'keep' } as Pop3Retention);
  return {
    retention: retention.kind,
    days: retention.kind === 'delete-after-days' ? retention.days : 14,
    sizeLimitKb: account.pop3?.sizeLimitBytes ? Math.round(account.pop3.sizeLimitBytes / 1024) : 0,
    checkEveryMinutes: account.pop3?.checkEveryMinutes ?? 10,
  };
}

export function editForm(account: Account): AccountEditForm {
  const server = (s: Account['outgoing']): ServerForm => ({
    host: s.host,
    port: s.port,
    security: s.security,
    username: s.username,
    password: '',
    trustedCertificates: [...(s.trustedCertificates ?? [])],
    authMethod: s.authMethod ?? 'password',
  });
  return {
    name: account.name,
    displayName: account.displayName,
    incoming: server(account.incoming),
    outgoing: server(account.outgoing),
    pop3: pop3Form(account),
    color: account.color ?? DEFAULT_ACCOUNT_COLOR,
    syncEveryMinutes: account.syncEveryMinutes ?? 0,
    notify: account.notify !== false,
    quietFolders: (account.quietFolders ?? []).join('\n'),
    identities: (account.identities ?? []).map((i) => ({ address: i.address, name: i.name, signature: i.signature ?? '' })),
    signature: account.signature ?? '',
    offlineFolders: [...(account.offlineFolders ?? [])],
  };
}

/** The request that turns the stored account into the edited one; passwords only where the user typed a new one. */
export function accountUpdate(account: Account, form: AccountEditForm): AccountUpdate {
  const server = (s: ServerForm) => {
    const { password, trustedCertificates, authMethod, ...rest } = s;
    return { ...rest, ...(trustedCertificates.length ? { trustedCertificates } : {}), ...(authMethod === 'xoauth2' ? { authMethod } : {}), ...(password ? { password } : {}) };
  };
  const update: AccountUpdate = {
    id: account.id,
    name: form.name.trim() || account.email,
    displayName: form.displayName.trim(),
    incoming: { ...server(form.incoming), protocol: account.incoming.protocol },
    // One new password for a server pair that shares the login, as most do: typed once, used for both.
    outgoing: server({ ...form.outgoing, password: form.outgoing.password || (form.outgoing.username === form.incoming.username ? form.incoming.password : '') }),
    color: form.color,
    syncEveryMinutes: Math.max(0, Math.round(form.syncEveryMinutes || 0)),
    notify: form.notify,
    quietFolders: form.quietFolders.split('\n').map((line) => line.trim()).filter(Boolean),
    identities: form.identities
      .map((i) => ({ address: i.address.trim(), name: i.name.trim(), ...(i.signature.trim() ? { signature: i.signature.trimEnd() } : {}) }))
      .filter((i) => i.address),
    signature: form.signature.trimEnd(),
  };
  if (account.incoming.protocol === 'pop3') update.pop3 = pop3Options(form.pop3);
  else update.offlineFolders = [...new Set(form.offlineFolders)];
  return update;
}

/** The ids after moving one up (-1) or down (+1); unchanged at either end. */
export function moved(ids: string[], id: string, step: -1 | 1): string[] {
  const from = ids.indexOf(id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= ids.length) return ids;
  const next = [...ids];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/** The ids after dragging one onto another: it takes the target's place, the target makes room in the direction it came from. */
export function droppedOrder(ids: string[], dragged: string, target: string): string[] {
  const from = ids.indexOf(dragged);
  const to = ids.indexOf(target);
  if (from < 0 || to < 0 || from === to) return ids;
  const next = ids.filter((id) => id !== dragged);
  next.splice(to, 0, dragged);
  return next;
}
