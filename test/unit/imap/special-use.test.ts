import { describe, expect, it } from 'vitest';
import { assignSpecialUse, type ListedFolder } from '../../../main/imap/special-use';

const folder = (path: string, advertised?: string): ListedFolder => ({ path, delimiter: '/', ...(advertised ? { advertised } : {}) });

describe('folder roles', () => {
  it('takes what the server says, in canonical case, and INBOX by name', () => {
    expect(assignSpecialUse([folder('inbox'), folder('Gesendete Objekte', '\\SENT'), folder('Müll', '\\trash')])).toEqual(['\\Inbox', '\\Sent', '\\Trash']);
  });

  it('recognises localized names where the server says nothing, on the last path segment', () => {
    expect(assignSpecialUse([folder('Entwürfe'), folder('Papierkorb'), folder('Spam'), folder('Privat/Archiv'), folder('Gesendet'), folder('Urlaub')])).toEqual(['\\Drafts', '\\Trash', '\\Junk', '\\Archive', '\\Sent', undefined]);
  });

  it('gives a role found by name to one folder only, and never one the server gave already', () => {
    expect(assignSpecialUse([folder('Gesendet', '\\Sent'), folder('Sent'), folder('Sent Items'), folder('Trash'), folder('Deleted Items')])).toEqual(['\\Sent', undefined, undefined, '\\Trash', undefined]);
  });
});
