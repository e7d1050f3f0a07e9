import { describe, expect, it } from 'vitest';
import { accountColor, accountColors } from '../../../renderer/accounts/account-color';

describe('account colours', () => {
  it('wear the chosen colour, else one of the palette by place, so two uncoloured accounts differ', () => {
    const accounts = [{ id: 'a' }, { id: 'b', color: '#112233' }, { id: 'c' }];
    const colours = accountColors(accounts);
    expect(colours.get('b')).toBe('#112233');
    expect(colours.get('a')).not.toBe(colours.get('c'));
    expect(colours.get('a')).toMatch(/^#[0-9a-f]{6}$/);
    // The same rule wherever the colour is drawn (sidebar, Edit account, unified rows).
    expect(accountColor(accounts[2]!, accounts)).toBe(colours.get('c'));
  });
});
