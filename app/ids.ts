/** The cache's id of one IMAP message: its folder's id and its UID, `${folderId}/${uid}`. */
export function messageId(folderId: string, uid: number): string {
  return `${folderId}/${uid}`;
}

/** The folder id and UID back out of a message id; the folder id may itself contain '/'. */
export function parseMessageId(id: string): { folderId: string; uid: number } | undefined {
  const cut = id.lastIndexOf('/');
  const uid = Number(id.slice(cut + 1));
  if (cut <= 0 || !Number.isInteger(uid) || uid <= 0) return undefined;
  return { folderId: id.slice(0, cut), uid };
}
