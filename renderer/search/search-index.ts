import { foldText, tokenize } from './fold';
import type { Field, ParsedQuery, Term } from './query';
import type { ThreadInput } from './threads';

/**
 * The local search index: an inverted index from folded words to message numbers, and beside it
 * the few facts the filters, sorting and threading need (account, folder, date, size, flags,
 * sender, subject, Message-ID and references). Pure data and functions over plain records — no
 * DOM, no Dexie — so it can move into the database worker unchanged. Chosen over MiniSearch by
 * measurement (test/bench/search.bench.ts, README "Search"): it answers the operators and filters
 * from the same arrays, prefix words without scoring every match, and saves as a few flat arrays.
 */

/** What the index reads of a cached header (a MessageRecord fits). */
export interface IndexableHeader {
  id: string;
  accountId: string;
  folderId: string;
  subject: string;
  from: { name?: string; address: string }[];
  to: { name?: string; address: string }[];
  cc: { name?: string; address: string }[];
  date: number;
  size: number;
  unread: 0 | 1;
  flagged: 0 | 1;
  hasAttachments: boolean;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
}

/** What the index reads of a cached body. */
export interface IndexableBody {
  text: string;
  attachmentNames: string[];
}

export type SortKey = 'date' | 'sender' | 'subject' | 'size';

export interface SearchScope {
  accountIds?: readonly string[];
  folderIds?: readonly string[];
}

export interface SearchOptions {
  scope?: SearchScope;
  sort?: SortKey;
  descending?: boolean;
  limit?: number;
  /** in:… resolved to folder ids by the caller, who knows the folders' names. */
  inFolderIds?: readonly string[];
}

export interface SearchResult {
  /** Message ids, in the order asked for, at most `limit`. */
  ids: string[];
  total: number;
}

/** Facts about one message the index keeps for filters, sorting and threads. */
export interface IndexedDoc {
  id: string;
  accountId: string;
  folderId: string;
  date: number;
  size: number;
  unread: boolean;
  flagged: boolean;
  hasAttachments: boolean;
  sender: string;
  /** The sender's address, lower case. */
  senderAddress: string;
  subject: string;
  messageId?: string;
  /** References then In-Reply-To, oldest first, as the threader reads them. */
  refs: string[];
  /** The subject had a reply or forward prefix. */
  reply: boolean;
}

const FIELD_MARK: Record<Field, string> = { from: '\u0001', to: '\u0002', cc: '\u0003', subject: '\u0004' };
const BODY_LIMIT = 64 * 1024;
const UNREAD = 1;
const FLAGGED = 2;
const ATTACHMENT = 4;
const HAS_BODY = 8;
const REPLY = 16;

const REPLY_PREFIX = /^\s*(?:\[[^\]]{1,40}\]\s*)*(?:re|aw|wg|fw|fwd|sv|antw|vs|rif|tr)(?:\[\d+\]|\(\d+\))?\s*:/i;

/** A subject without its reply and forward prefixes, folded: what sorting and subject threading compare. */
export function baseSubject(subject: string): string {
  let s = subject.trim();
  for (;;) {
    const next = s.replace(/^(?:(?:re|aw|wg|fw|fwd|sv|antw|vs|rif|tr)(?:\[\d+\]|\(\d+\))?\s*:\s*|\[[^\]]{1,40}\]\s*)/i, '');
    if (next === s) break;
    s = next;
  }
  return foldText(s).replace(/\s+/g, ' ').trim();
}

const addressText = (list: { name?: string; address: string }[]) => list.map((a) => `${a.name ?? ''} ${a.address}`).join(' ');

/** Sorted merge of two sorted string arrays without duplicates. */
function mergeSorted(a: string[], b: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out[out.length - 1] !== next) out.push(next);
  }
  return out;
}

/** The flat, structured-clone friendly form the index is saved in. */
export interface IndexSnapshot {
  version: 1;
  ids: string;
  accounts: string[];
  folders: string[];
  accountOf: Uint32Array;
  folderOf: Uint32Array;
  dates: Float64Array;
  sizes: Float64Array;
  bits: Uint8Array;
  senders: string;
  senderAddresses: string;
  subjects: string;
  messageIds: string;
  refs: string;
  tokens: string;
  offsets: Uint32Array;
  postings: Uint32Array;
}

const SEP = '\u0000';

export class SearchIndex {
  private ids: (string | undefined)[] = [];
  private numOf = new Map<string, number>();
  private accounts: string[] = [];
  private folders: string[] = [];
  private accountNum = new Map<string, number>();
  private folderNum = new Map<string, number>();
  private accountOf: number[] = [];
  private folderOf: number[] = [];
  private dates: number[] = [];
  private sizes: number[] = [];
  private bits: number[] = [];
  private senders: string[] = [];
  private senderAddresses: string[] = [];
  private subjects: string[] = [];
  private messageIds: (string | undefined)[] = [];
  private refs: string[][] = [];
  /** Word → message numbers, ascending. A list loaded from a snapshot stays a view of its array until it is written to. */
  private postings = new Map<string, number[] | Uint32Array>();
  private sorted: string[] = [];
  private unsorted: string[] = [];
  private dead = 0;
  private dateOrder: Int32Array | undefined;

  /** Messages in the index. */
  get size(): number {
    return this.numOf.size;
  }

  has(id: string): boolean {
    return this.numOf.has(id);
  }

  hasBody(id: string): boolean {
    const n = this.numOf.get(id);
    return n !== undefined && (this.bits[n]! & HAS_BODY) !== 0;
  }

  /** All message ids in the index (for reconciling with the cache). */
  allIds(): string[] {
    return [...this.numOf.keys()];
  }

  private intern(table: string[], map: Map<string, number>, value: string): number {
    let n = map.get(value);
    if (n === undefined) {
      n = table.length;
      table.push(value);
      map.set(value, n);
    }
    return n;
  }

  private post(token: string, n: number): void {
    let list = this.postings.get(token);
    if (!list) {
      list = [];
      this.postings.set(token, list);
      this.unsorted.push(token);
    } else if (!Array.isArray(list)) {
      if (list[list.length - 1] === n) return;
      list = Array.from(list);
      this.postings.set(token, list);
    }
    if (list[list.length - 1] !== n) list.push(n);
  }

  private postText(text: string, n: number, mark = ''): void {
    const { tokens, variants } = tokenize(text);
    for (let i = 0; i < tokens.length; i++) {
      this.post(mark + tokens[i]!, n);
      if (variants[i]) this.post(mark + variants[i]!, n);
    }
  }

  private flagBits(header: Pick<IndexableHeader, 'unread' | 'flagged' | 'hasAttachments'>): number {
    return (header.unread ? UNREAD : 0) | (header.flagged ? FLAGGED : 0) | (header.hasAttachments ? ATTACHMENT : 0);
  }

  /** Adds a message, or updates what can change of one already there (flags). */
  add(header: IndexableHeader): void {
    const known = this.numOf.get(header.id);
    if (known !== undefined) {
      this.bits[known] = (this.bits[known]! & (HAS_BODY | REPLY)) | this.flagBits(header);
      return;
    }
    const n = this.ids.length;
    this.dateOrder = undefined;
    this.ids.push(header.id);
    this.numOf.set(header.id, n);
    this.accountOf.push(this.intern(this.accounts, this.accountNum, header.accountId));
    this.folderOf.push(this.intern(this.folders, this.folderNum, header.folderId));
    this.dates.push(header.date);
    this.sizes.push(header.size);
    this.bits.push(this.flagBits(header));
    if (REPLY_PREFIX.test(header.subject)) this.bits[n]! |= REPLY;
    const sender = header.from[0];
    this.senders.push(foldText(sender?.name || sender?.address || ''));
    this.senderAddresses.push((sender?.address ?? '').toLowerCase());
    this.subjects.push(baseSubject(header.subject));
    this.messageIds.push(header.messageId);
    const refs = [...(header.references ?? [])];
    if (header.inReplyTo && refs[refs.length - 1] !== header.inReplyTo) refs.push(header.inReplyTo);
    this.refs.push(refs);
    this.postFields(header.subject, n, FIELD_MARK.subject);
    this.postFields(addressText(header.from), n, FIELD_MARK.from);
    this.postFields(addressText(header.to), n, FIELD_MARK.to);
    this.postFields(addressText(header.cc), n, FIELD_MARK.cc);
  }

  /** A header field's words, once as text and once under the field's mark (for from: and the like). */
  private postFields(text: string, n: number, mark: string): void {
    if (!text) return;
    const { tokens, variants } = tokenize(text);
    for (let i = 0; i < tokens.length; i++) {
      this.post(tokens[i]!, n);
      this.post(mark + tokens[i]!, n);
      if (variants[i]) {
        this.post(variants[i]!, n);
        this.post(mark + variants[i]!, n);
      }
    }
  }

  /** Unread and flagged as the index holds them, or undefined for a message it does not hold. */
  flagsOf(id: string): { unread: boolean; flagged: boolean } | undefined {
    const n = this.numOf.get(id);
    return n === undefined ? undefined : { unread: (this.bits[n]! & UNREAD) !== 0, flagged: (this.bits[n]! & FLAGGED) !== 0 };
  }

  /** Flags changed: unread and flagged only. */
  setFlags(id: string, flags: { unread: 0 | 1 | boolean; flagged: 0 | 1 | boolean }): void {
    const n = this.numOf.get(id);
    if (n === undefined) return;
    this.bits[n] = (this.bits[n]! & ~(UNREAD | FLAGGED)) | (flags.unread ? UNREAD : 0) | (flags.flagged ? FLAGGED : 0);
  }

  /** Adds a cached body's words (text, attachment names) to a message already indexed; once per message. */
  addBody(id: string, body: IndexableBody): boolean {
    const n = this.numOf.get(id);
    if (n === undefined || this.bits[n]! & HAS_BODY) return false;
    this.bits[n]! |= HAS_BODY;
    this.postText(body.text.slice(0, BODY_LIMIT), n);
    if (body.attachmentNames.length) this.postText(body.attachmentNames.join(' '), n);
    return true;
  }

  remove(id: string): void {
    const n = this.numOf.get(id);
    if (n === undefined) return;
    this.numOf.delete(id);
    this.ids[n] = undefined;
    this.refs[n] = [];
    this.dead++;
    if (this.dead > 1000 && this.dead > this.ids.length / 4) this.compact();
  }

  /** Drops removed messages from the word lists. */
  compact(): void {
    for (const [token, list] of this.postings) {
      const alive = Array.prototype.filter.call(list, (n: number) => this.ids[n] !== undefined) as number[];
      if (alive.length) this.postings.set(token, alive);
      else this.postings.delete(token);
    }
    this.sorted = this.sorted.filter((t) => this.postings.has(t));
    this.unsorted = this.unsorted.filter((t) => this.postings.has(t));
    this.dead = 0;
  }

  doc(id: string): IndexedDoc | undefined {
    const n = this.numOf.get(id);
    return n === undefined ? undefined : this.docAt(n);
  }

  private docAt(n: number): IndexedDoc {
    const doc: IndexedDoc = {
      id: this.ids[n]!,
      accountId: this.accounts[this.accountOf[n]!]!,
      folderId: this.folders[this.folderOf[n]!]!,
      date: this.dates[n]!,
      size: this.sizes[n]!,
      unread: (this.bits[n]! & UNREAD) !== 0,
      flagged: (this.bits[n]! & FLAGGED) !== 0,
      hasAttachments: (this.bits[n]! & ATTACHMENT) !== 0,
      sender: this.senders[n]!,
      senderAddress: this.senderAddresses[n]!,
      subject: this.subjects[n]!,
      refs: this.refs[n]!,
      reply: (this.bits[n]! & REPLY) !== 0,
    };
    if (this.messageIds[n]) doc.messageId = this.messageIds[n];
    return doc;
  }

  /** The account a message belongs to. */
  accountIdOf(id: string): string | undefined {
    const n = this.numOf.get(id);
    return n === undefined ? undefined : this.accounts[this.accountOf[n]!];
  }

  /** The messages of some folders as the threader reads them: only its fields, no other object per message. */
  threadInputs(scope: SearchScope = {}): ThreadInput[] {
    const allowed = this.allowed(scope);
    const out: ThreadInput[] = [];
    for (let n = 0; n < this.ids.length; n++) {
      if (this.ids[n] === undefined || (allowed && !allowed[this.folderOf[n]!])) continue;
      const input: ThreadInput = { id: this.ids[n]!, refs: this.refs[n]!, subject: this.subjects[n]!, reply: (this.bits[n]! & REPLY) !== 0, date: this.dates[n]! };
      if (this.messageIds[n]) input.messageId = this.messageIds[n];
      out.push(input);
    }
    return out;
  }

  /** The messages of some folders, as the threader and smart folders read them. */
  docs(scope: SearchScope = {}): IndexedDoc[] {
    const allowed = this.allowed(scope);
    const out: IndexedDoc[] = [];
    for (let n = 0; n < this.ids.length; n++) if (this.ids[n] !== undefined && (!allowed || allowed[this.folderOf[n]!])) out.push(this.docAt(n));
    return out;
  }

  private sortedTokens(): string[] {
    if (this.unsorted.length) {
      this.sorted = mergeSorted(this.sorted, this.unsorted.sort());
      this.unsorted = [];
    }
    return this.sorted;
  }

  /** Every token starting with `prefix`. */
  private expand(prefix: string): string[] {
    const tokens = this.sortedTokens();
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (tokens[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < tokens.length && tokens[i]!.startsWith(prefix); i++) out.push(tokens[i]!);
    return out;
  }

  /** Posting lists a term stands for: its spellings, whole or (when it is the word being typed) every word they start. */
  private listsOf(term: Term): ArrayLike<number>[] {
    const mark = term.field ? FIELD_MARK[term.field] : '';
    const lists: ArrayLike<number>[] = [];
    for (const alt of term.alts) {
      // One letter being typed matches whole words only: expanding it would touch most of the index.
      const tokens = term.prefix && alt.length >= 2 ? this.expand(mark + alt) : [mark + alt];
      for (const token of tokens) {
        const list = this.postings.get(token);
        if (list) lists.push(list);
      }
    }
    return lists;
  }

  /** Per-folder yes/no, or undefined for every folder. */
  private allowed(scope: SearchScope, inFolderIds?: readonly string[]): Uint8Array | undefined {
    if (!scope.accountIds && !scope.folderIds && !inFolderIds) return undefined;
    const allowed = new Uint8Array(this.folders.length);
    for (let f = 0; f < this.folders.length; f++) {
      const folder = this.folders[f]!;
      const account = folder.slice(0, folder.indexOf('/'));
      allowed[f] = Number((!scope.accountIds || scope.accountIds.includes(account)) && (!scope.folderIds || scope.folderIds.includes(folder)) && (!inFolderIds || inFolderIds.includes(folder)));
    }
    return allowed;
  }

  search(query: ParsedQuery, options: SearchOptions = {}): SearchResult {
    const count = this.ids.length;
    // Each required term (and each word pair of a phrase) is a group of posting lists; a message
    // matches when every group has it. hits[n] counts the groups that had n so far.
    const groups: ArrayLike<number>[][] = [];
    for (const term of query.terms) groups.push(this.listsOf(term));
    for (const phrase of query.phrases) {
      // Word order is not indexed (word pairs would multiply the index several times over): a
      // phrase finds its words, whole, anywhere in the message; the server checks the order.
      for (const word of phrase.words) groups.push(this.listsOf(phrase.field ? { ...word, field: phrase.field } : word));
    }
    const allowed = this.allowed(options.scope ?? {}, options.inFolderIds);
    const matches: number[] = [];
    const accept = (n: number): boolean => {
      if (this.ids[n] === undefined) return false;
      if (allowed && !allowed[this.folderOf[n]!]) return false;
      const bits = this.bits[n]!;
      if (query.unread !== undefined && ((bits & UNREAD) !== 0) !== query.unread) return false;
      if (query.flagged !== undefined && ((bits & FLAGGED) !== 0) !== query.flagged) return false;
      if (query.hasAttachment && !(bits & ATTACHMENT)) return false;
      const date = this.dates[n]!;
      if (query.after !== undefined && date < query.after) return false;
      if (query.before !== undefined && date >= query.before) return false;
      const size = this.sizes[n]!;
      if (query.larger !== undefined && size <= query.larger) return false;
      if (query.smaller !== undefined && size >= query.smaller) return false;
      return true;
    };
    if (groups.length === 0) {
      for (let n = 0; n < count; n++) if (accept(n)) matches.push(n);
    } else if (groups.some((g) => g.length === 0)) {
      // A word nothing has: no match, without reading the other lists.
    } else {
      // Smallest group first: its messages are the only candidates.
      const sizeOf = (g: ArrayLike<number>[]) => g.reduce((sum, list) => sum + list.length, 0);
      groups.sort((a, b) => sizeOf(a) - sizeOf(b));
      const hits = new Uint16Array(count);
      const stamp = new Uint32Array(count);
      let candidates = 0;
      for (let g = 0; g < groups.length; g++) {
        const need = g;
        let next = 0;
        for (const list of groups[g]!) {
          for (let i = 0; i < list.length; i++) {
            const n = list[i]!;
            if (stamp[n] === g + 1 || hits[n] !== need) continue;
            stamp[n] = g + 1;
            hits[n] = need + 1;
            next++;
          }
        }
        candidates = next;
        if (candidates === 0) break;
      }
      if (candidates) for (let n = 0; n < count; n++) if (hits[n] === groups.length && accept(n)) matches.push(n);
    }
    return { ids: this.order(matches, options), total: matches.length };
  }

  /** Every message number, oldest first; kept until the index changes, so sorting a result by date is a scan. */
  private byDate(): Int32Array {
    if (this.dateOrder && this.dateOrder.length === this.ids.length) return this.dateOrder;
    const order = new Int32Array(this.ids.length);
    for (let n = 0; n < order.length; n++) order[n] = n;
    const dates = this.dates;
    order.sort((a, b) => dates[a]! - dates[b]! || a - b);
    this.dateOrder = order;
    return order;
  }

  private order(matches: number[], options: SearchOptions): string[] {
    const sort = options.sort ?? 'date';
    const descending = options.descending ?? sort === 'date';
    if (sort === 'date' && matches.length > 2000) {
      // A large result in date order: one scan of the precomputed order instead of a sort.
      const mark = new Uint8Array(this.ids.length);
      for (const n of matches) mark[n] = 1;
      const order = this.byDate();
      const limit = Math.min(matches.length, options.limit ?? Infinity);
      const ids: string[] = [];
      for (let i = 0; i < order.length && ids.length < limit; i++) {
        const n = order[descending ? order.length - 1 - i : i]!;
        if (mark[n]) ids.push(this.ids[n]!);
      }
      return ids;
    }
    const sign = descending ? -1 : 1;
    const { dates, sizes, senders, subjects } = this;
    let compare: (a: number, b: number) => number;
    if (sort === 'size') compare = (a, b) => sign * (sizes[a]! - sizes[b]!) || dates[b]! - dates[a]!;
    else if (sort === 'sender') compare = (a, b) => sign * (senders[a]! < senders[b]! ? -1 : senders[a]! > senders[b]! ? 1 : 0) || dates[b]! - dates[a]!;
    else if (sort === 'subject') compare = (a, b) => sign * (subjects[a]! < subjects[b]! ? -1 : subjects[a]! > subjects[b]! ? 1 : 0) || dates[b]! - dates[a]!;
    else compare = (a, b) => sign * (dates[a]! - dates[b]!);
    matches.sort(compare);
    const limit = Math.min(matches.length, options.limit ?? Infinity);
    const ids: string[] = new Array(limit);
    for (let i = 0; i < limit; i++) ids[i] = this.ids[matches[i]!]!;
    return ids;
  }

  toSnapshot(): IndexSnapshot {
    if (this.dead) this.compact();
    // Renumber the living messages densely.
    const alive: number[] = [];
    const renumber = new Int32Array(this.ids.length).fill(-1);
    for (let n = 0; n < this.ids.length; n++) if (this.ids[n] !== undefined) renumber[n] = alive.push(n) - 1;
    const tokens = this.sortedTokens();
    let total = 0;
    for (const token of tokens) total += this.postings.get(token)!.length;
    const offsets = new Uint32Array(tokens.length + 1);
    const postings = new Uint32Array(total);
    let at = 0;
    tokens.forEach((token, i) => {
      offsets[i] = at;
      for (const n of this.postings.get(token)!) postings[at++] = renumber[n]!;
    });
    offsets[tokens.length] = at;
    const pick = <T>(array: T[]) => alive.map((n) => array[n]!);
    return {
      version: 1,
      ids: pick(this.ids).join(SEP),
      accounts: [...this.accounts],
      folders: [...this.folders],
      accountOf: Uint32Array.from(pick(this.accountOf)),
      folderOf: Uint32Array.from(pick(this.folderOf)),
      dates: Float64Array.from(pick(this.dates)),
      sizes: Float64Array.from(pick(this.sizes)),
      bits: Uint8Array.from(pick(this.bits)),
      senders: pick(this.senders).join(SEP),
      senderAddresses: pick(this.senderAddresses).join(SEP),
      subjects: pick(this.subjects).join(SEP),
      messageIds: alive.map((n) => this.messageIds[n] ?? '').join(SEP),
      refs: alive.map((n) => this.refs[n]!.join(' ')).join(SEP),
      tokens: tokens.join(SEP),
      offsets,
      postings,
    };
  }

  static fromSnapshot(snapshot: IndexSnapshot): SearchIndex {
    const index = new SearchIndex();
    const split = (text: string) => (text === '' ? [] : text.split(SEP));
    index.ids = split(snapshot.ids);
    const count = index.ids.length;
    index.ids.forEach((id, n) => index.numOf.set(id!, n));
    index.accounts = [...snapshot.accounts];
    index.folders = [...snapshot.folders];
    index.accounts.forEach((a, n) => index.accountNum.set(a, n));
    index.folders.forEach((f, n) => index.folderNum.set(f, n));
    index.accountOf = Array.from(snapshot.accountOf);
    index.folderOf = Array.from(snapshot.folderOf);
    index.dates = Array.from(snapshot.dates);
    index.sizes = Array.from(snapshot.sizes);
    index.bits = Array.from(snapshot.bits);
    const fill = (text: string) => (count === 0 ? [] : text.split(SEP));
    index.senders = fill(snapshot.senders);
    index.senderAddresses = fill(snapshot.senderAddresses);
    index.subjects = fill(snapshot.subjects);
    index.messageIds = fill(snapshot.messageIds).map((m) => m || undefined);
    index.refs = fill(snapshot.refs).map((r) => (r ? r.split(' ') : []));
    const tokens = split(snapshot.tokens);
    // Views into the saved array, not copies: loading 5 million postings is then a matter of milliseconds.
    tokens.forEach((token, i) => index.postings.set(token, snapshot.postings.subarray(snapshot.offsets[i]!, snapshot.offsets[i + 1]!)));
    index.sorted = tokens;
    return index;
  }
}
