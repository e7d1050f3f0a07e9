import type { IndexableHeader } from '../../../renderer/search/search-index';
import { seededRandom } from '../../support/seeded-random';

/**
 * A deterministic mailbox for the search bench: 30,000 made-up words drawn Zipf-like (a few very
 * common, a long tail, some with umlauts), 2,500 people, a third of the mail replies in
 * conversations. The message generator's 80-word vocabulary would make every word list huge and
 * every prefix trivial; real mail has a long tail.
 */
const random = seededRandom;

const SYLLABLES = 'ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu ver ber schl str ung en er ä ö ü ß an in'.split(' ');
const FIRST = 'Anna Bernd Clara Dieter Eva Fritz Greta Hans Ina Jürgen Karla Lukas Mia Nils Olga Paul Rosa Sven Tina Uwe Vera Willi Xenia Yusuf Zoë'.split(' ');

const vocabularies = new Map<number, string[]>();
function vocabularyOf(seed: number): string[] {
  let vocabulary = vocabularies.get(seed);
  if (vocabulary) return vocabulary;
  const r = random(seed);
  vocabulary = [];
  for (let i = 0; i < 30_000; i++) {
    let word = '';
    for (let s = 2 + Math.floor(r() * 3); s > 0; s--) word += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    vocabulary.push(word);
  }
  vocabularies.set(seed, vocabulary);
  return vocabulary;
}

export function corpus(seed = 7, vocabularySeed = 7) {
  const vocabulary = vocabularyOf(vocabularySeed);
  const r = random(seed);
  // Zipf-like: index ~ exp(uniform) concentrates on the first words.
  const word = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(Math.exp(r() * Math.log(vocabulary.length))) - 1)]!;
  const people = seed === vocabularySeed ? Array.from({ length: 2500 }, (_, i) => {
    const first = FIRST[i % FIRST.length]!;
    const last = `${word()[0]!.toUpperCase()}${word().slice(1)}mann`;
    return { name: `${first} ${last}`, address: `${first.toLowerCase().replace(/[^a-z]/g, '')}.${last.toLowerCase().replace(/[^a-z]/g, '')}@example.org` };
  }) : [];
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  return { r, word, sentence, people };
}

/** `count` headers in `folders` folders of two accounts, oldest first, with Message-IDs and references. */
export function makeHeaders(count: number, seed = 7): IndexableHeader[] {
  const { r, sentence, people } = corpus(seed);
  const headers: IndexableHeader[] = [];
  const start = Date.UTC(2019, 0, 1);
  for (let i = 0; i < count; i++) {
    const account = i % 2 ? 'acc-b' : 'acc-a';
    const folder = i % 10 === 9 ? 'Sent' : 'INBOX';
    const reply = i > 10 && r() < 0.33;
    const parent = reply ? headers[i - 1 - Math.floor(r() * Math.min(i - 1, 40))]! : undefined;
    const subject = parent ? `Re: ${parent.subject.replace(/^Re: /, '')}` : sentence(2 + Math.floor(r() * 6));
    const header: IndexableHeader = {
      id: `${account}/${folder}/${i + 1}`,
      accountId: account,
      folderId: `${account}/${folder}`,
      subject,
      from: [people[Math.floor(r() * people.length)]!],
      to: [people[Math.floor(r() * people.length)]!],
      cc: r() < 0.2 ? [people[Math.floor(r() * people.length)]!] : [],
      date: start + i * 900_000,
      size: Math.floor(2048 * 10 ** (r() * 3)),
      unread: r() < 0.2 ? 1 : 0,
      flagged: r() < 0.03 ? 1 : 0,
      hasAttachments: r() < 0.05,
      messageId: `<m${i}@bench.example>`,
    };
    if (parent) header.references = [...(parent.references ?? []), parent.messageId!].slice(-10);
    if (parent) header.inReplyTo = parent.messageId!;
    headers.push(header);
  }
  return headers;
}

/** A body of 100–600 words for message i. */
export function makeBody(i: number, seed = 7): { text: string; attachmentNames: string[] } {
  const { r, sentence } = corpus(seed * 7919 + i + 1, seed);
  return { text: sentence(100 + Math.floor(r() * 500)), attachmentNames: r() < 0.1 ? [`${sentence(1)}.pdf`] : [] };
}
