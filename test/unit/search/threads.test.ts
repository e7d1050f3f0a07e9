import { describe, expect, it } from 'vitest';
import { buildThreads, type ThreadInput } from '../../../renderer/search/threads';

let clock = 0;
function m(id: string, messageId: string | undefined, refs: string[] = [], subject = 'topic', reply = refs.length > 0): ThreadInput {
  return { id, ...(messageId ? { messageId } : {}), refs, subject, reply, date: ++clock };
}
const shape = (threads: ReturnType<typeof buildThreads>) => threads.map((t) => t.messageIds.join(',')).sort();

describe('the JWZ threader', () => {
  it('threads by References and In-Reply-To, across folders, oldest first', () => {
    const threads = buildThreads([
      m('inbox/1', '<a@x>', [], 'plan'),
      m('sent/1', '<b@x>', ['<a@x>'], 'plan'),
      m('inbox/2', '<c@x>', ['<a@x>', '<b@x>'], 'plan'),
      m('inbox/3', '<d@x>', [], 'other'),
    ]);
    expect(shape(threads)).toEqual(['inbox/1,sent/1,inbox/2', 'inbox/3']);
    expect(threads.find((t) => t.id === 'inbox/1')!.latest).toBe(clock - 1);
  });

  it('keeps a thread together when its root message is missing (an empty container is dropped, children stay)', () => {
    const threads = buildThreads([m('1', '<b@x>', ['<gone@x>'], 'q'), m('2', '<c@x>', ['<gone@x>', '<b@x>'], 'q'), m('3', '<d@x>', ['<gone@x>'], 'q')]);
    expect(shape(threads)).toEqual(['1,2,3']);
  });

  it('survives broken References: a wrong middle reference, garbage, and a reply that names itself', () => {
    const threads = buildThreads([
      m('1', '<a@x>', [], 's'),
      m('2', '<b@x>', ['<a@x>', '<b@x>'], 's'),
      m('3', '<c@x>', ['<zzz@x>', '<a@x>'], 's'),
      m('4', '<e@x>', ['not-an-id', '<b@x>'], 's'),
    ]);
    expect(shape(threads)).toEqual(['1,2,3,4']);
  });

  it('does not loop on References that form a cycle', () => {
    const threads = buildThreads([m('1', '<a@x>', ['<b@x>'], 'l'), m('2', '<b@x>', ['<a@x>'], 'l'), m('3', '<c@x>', ['<c@x>'], 'l')]);
    expect(threads.flatMap((t) => t.messageIds).sort()).toEqual(['1', '2', '3']);
    expect(shape(threads)).toContain('1,2');
  });

  it('gives messages without a Message-ID, and duplicates of one, their own place', () => {
    const threads = buildThreads([m('1', undefined, [], 'x1'), m('2', undefined, [], 'x2'), m('3', '<a@x>', [], 'dup'), m('4', '<a@x>', [], 'dup2'), m('5', '<r@x>', ['<a@x>'], 'dup')]);
    expect(threads.flatMap((t) => t.messageIds).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(shape(threads)).toContain('3,5');
  });

  it('puts a reply without references into the conversation of its subject, but not two unrelated first messages', () => {
    const threads = buildThreads([
      m('1', '<a@x>', [], 'lunch', false),
      m('2', '<b@x>', [], 'lunch', true),
      m('3', '<c@x>', [], 'lunch', true),
      m('4', '<d@x>', [], 'hello', false),
      m('5', '<e@x>', [], 'hello', false),
    ]);
    expect(shape(threads)).toEqual(['1,2,3', '4', '5']);
  });

  it('threads 100,000 messages', () => {
    const many: ThreadInput[] = [];
    for (let i = 0; i < 100_000; i++) many.push(m(`m${i}`, `<${i}@x>`, i % 5 ? [`<${i - (i % 5)}@x>`] : [], `t${Math.floor(i / 5)}`));
    const threads = buildThreads(many);
    expect(threads).toHaveLength(20_000);
    expect(threads.every((t) => t.messageIds.length === 5)).toBe(true);
  });
});
