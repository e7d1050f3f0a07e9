/**
 * Maildir's flag letters and the IMAP flags they stand for, so a message keeps its state when it
 * moves between an IMAP server and a folder on disk. Shared by main (moves) and the window (index).
 */
export type MaildirLetter = 'D' | 'F' | 'P' | 'R' | 'S' | 'T';

export const IMAP_FLAG_OF: Record<MaildirLetter, string> = { S: '\\Seen', F: '\\Flagged', R: '\\Answered', D: '\\Draft', T: '\\Deleted', P: '$Forwarded' };

export const imapFlags = (letters: readonly MaildirLetter[]) => letters.map((letter) => IMAP_FLAG_OF[letter]);
export const maildirFlags = (flags: readonly string[]) => (Object.keys(IMAP_FLAG_OF) as MaildirLetter[]).filter((letter) => flags.includes(IMAP_FLAG_OF[letter]));
