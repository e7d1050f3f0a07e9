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

export function specialUseFor(path: string, delimiter: string, advertised?: string): string | undefined {
  if (path.toUpperCase() === 'INBOX') return '\\Inbox';
  if (advertised) return advertised.charAt(0) + advertised.charAt(1).toUpperCase() + advertised.slice(2).toLowerCase();
  const leaf = (delimiter ? path.split(delimiter).pop() : path)?.toLowerCase().trim() ?? '';
  return Object.entries(byName).find(([, names]) => names.includes(leaf))?.[0];
}
