/**
 * Servers without SPECIAL-USE (RFC 6154) still have a Sent folder; its name is a convention, often
 * localized. Matched case-insensitively on the last path segment.
 */
const byName: Record<string, string[]> = {
  '\\Sent': ['sent', 'sent items', 'sent mail', 'sent messages', 'gesendet', 'gesendete elemente', 'gesendete objekte', 'envoyés', 'éléments envoyés', 'enviados', 'inviata', 'posta inviata', 'verzonden', 'skickat', 'отправленные'],
  '\\Drafts': ['drafts', 'draft', 'entwürfe', 'brouillons', 'borradores', 'bozze', 'concepten', 'utkast', 'черновики'],
  '\\Trash': ['trash', 'deleted', 'deleted items', 'deleted messages', 'bin', 'papierkorb', 'gelöschte elemente', 'corbeille', 'éléments supprimés', 'papelera', 'cestino', 'prullenbak', 'papperskorgen', 'корзина'],
  '\\Junk': ['junk', 'spam', 'junk e-mail', 'junk email', 'bulk mail', 'indésirables', 'correo no deseado', 'posta indesiderata', 'ongewenste e-mail', 'спам'],
  '\\Archive': ['archive', 'archives', 'archiv', 'archivio', 'archivo', 'archief', 'arkiv', 'архив'],
};

export interface ListedFolder {
  path: string;
  delimiter: string;
  /** The role the server gave (SPECIAL-USE), or imapflow guessed from the name, one folder per role. */
  advertised?: string;
}

/** `\SENT` and `\sent` are the same attribute (RFC 9051 atoms compare case-insensitively). */
const canonical = (flag: string) => flag.charAt(0) + flag.charAt(1).toUpperCase() + flag.slice(2).toLowerCase();

function roleByName(folder: ListedFolder): string | undefined {
  const leaf = (folder.delimiter ? folder.path.split(folder.delimiter).pop() : folder.path)?.toLowerCase().trim() ?? '';
  return Object.entries(byName).find(([, names]) => names.includes(leaf))?.[0];
}

/**
 * The role of each folder. What the server says comes first; names fill in the roles nobody has,
 * each at most once — with "Sent" and "Gesendet" both there, two Sent folders would leave it to
 * chance which one a sent message is filed in.
 */
export function assignSpecialUse(folders: ListedFolder[]): (string | undefined)[] {
  const roles = folders.map((folder) => (folder.path.toUpperCase() === 'INBOX' ? '\\Inbox' : folder.advertised ? canonical(folder.advertised) : undefined));
  const taken = new Set(roles.filter(Boolean));
  return roles.map((role, i) => {
    if (role) return role;
    const guess = roleByName(folders[i]!);
    if (!guess || taken.has(guess)) return undefined;
    taken.add(guess);
    return guess;
  });
}

/** `assignSpecialUse` over folders as imapflow lists them. */
export function rolesOfListed(folders: readonly { path: string; delimiter?: string; specialUse?: string }[]): (string | undefined)[] {
  return assignSpecialUse(folders.map((folder) => ({ path: folder.path, delimiter: folder.delimiter ?? '/', ...(folder.specialUse ? { advertised: folder.specialUse } : {}) })));
}
