import { describe, expect, it } from 'vitest';
import { fromUidSet, MAX_EXPANDED_UIDS, toUidSet } from '../../../app/uid-set';

describe('UID sets', () => {
  it('expands what toUidSet wrote, gaps, single UIDs and reversed ranges included', () => {
    const uids = [1, 2, 3, 7, 9, 10, 11, 4000, 100000];
    expect(toUidSet(uids)).toBe('1:3,7,9:11,4000,100000');
    expect(fromUidSet(toUidSet(uids))).toEqual(uids);
    expect(fromUidSet('5:3,8')).toEqual([3, 4, 5, 8]);
    expect(fromUidSet('')).toEqual([]);
    expect(fromUidSet('1:100000')).toHaveLength(100000);
  });

  it('refuses a set that names more UIDs than any folder holds, or no numbers, instead of filling memory', () => {
    expect(() => fromUidSet('1:4294967295')).toThrow(RangeError);
    expect(() => fromUidSet(`1:10,5:${MAX_EXPANDED_UIDS}`)).toThrow(RangeError);
    expect(() => fromUidSet('a:b')).toThrow(RangeError);
  });
});
