import { describe, expect, it } from 'vitest';
import { messageId, parseMessageId } from '../../../app/ids';

describe('app/ids', () => {
  it('round-trips a folder id that itself contains slashes', () => {
    const id = messageId('acc-1/INBOX/Archive/2024', 42);
    expect(id).toBe('acc-1/INBOX/Archive/2024/42');
    expect(parseMessageId(id)).toEqual({ folderId: 'acc-1/INBOX/Archive/2024', uid: 42 });
  });

  it('refuses ids without a UID', () => {
    expect(parseMessageId('acc-1/INBOX')).toBeUndefined();
    expect(parseMessageId('42')).toBeUndefined();
  });
});
