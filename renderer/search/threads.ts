/**
 * Conversations by Jamie Zawinski's algorithm (https://www.jwz.org/doc/threading.html) over
 * Message-ID, References and In-Reply-To: a container per Message-ID, linked parent to child along
 * each message's references (never making a loop, never moving a child that already has a
 * parent — the first message to speak decides), then the message's own parent taken from its last
 * reference. Containers without a message are dropped and their children promoted. Mail without
 * any references whose subject says it is a reply ("Re: …", "AW: …") joins the conversation with
 * that subject: the subject fallback. Pure, over plain records: it runs in a worker as well.
 */

export interface ThreadInput {
  id: string;
  messageId?: string;
  /** References then In-Reply-To, oldest first. */
  refs: readonly string[];
  /** The subject without reply prefixes, folded (search-index's baseSubject). */
  subject: string;
  /** The subject had a reply or forward prefix. */
  reply: boolean;
  date: number;
}

export interface Thread {
  /** The id of its oldest message: stable while the conversation grows. */
  id: string;
  /** Its messages, oldest first. */
  messageIds: string[];
  /** Newest message's date. */
  latest: number;
}

/**
 * A Message-ID's place in the tree. Only the parent is kept: conversations are the trees' roots,
 * and without child lists relinking is one assignment instead of a search and splice (a third of
 * the time on 100,000 messages went to allocating and editing those lists).
 */
interface Container {
  message?: ThreadInput;
  parent?: Container;
  /** Set once linking is done: the topmost container above this one. */
  root?: Container;
}

function isAncestor(maybe: Container, of: Container): boolean {
  for (let c: Container | undefined = of; c; c = c.parent) if (c === maybe) return true;
  return false;
}

function link(parent: Container, child: Container): void {
  if (parent === child || isAncestor(child, parent)) return;
  child.parent = parent;
}

/** The topmost container above `c`, remembered along the way so each path is walked once. */
function rootOf(c: Container): Container {
  if (c.root) return c.root;
  const path: Container[] = [];
  let top = c;
  while (top.parent && !top.root) {
    path.push(top);
    top = top.parent;
  }
  const root = top.root ?? top;
  for (const node of path) node.root = root;
  c.root = root;
  return root;
}

const byDate = (a: ThreadInput, b: ThreadInput) => a.date - b.date;

export function buildThreads(messages: readonly ThreadInput[]): Thread[] {
  const byId = new Map<string, Container>();
  const container = (messageId: string): Container => {
    let c = byId.get(messageId);
    if (!c) byId.set(messageId, (c = {}));
    return c;
  };
  const all: Container[] = new Array(messages.length);
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]!;
    // A missing or repeated Message-ID gets a container of its own.
    let own = message.messageId ? container(message.messageId) : undefined;
    if (!own || own.message) own = {};
    own.message = message;
    all[i] = own;
    let previous: Container | undefined;
    for (const ref of message.refs) {
      if (ref === message.messageId) continue;
      const c = container(ref);
      if (previous && !c.parent) link(previous, c);
      previous = c;
    }
    if (previous) {
      if (own.parent !== previous) link(previous, own);
    } else own.parent = undefined;
  }

  // Each message's conversation: the topmost container above it.
  const groups = new Map<Container, ThreadInput[]>();
  for (const c of all) {
    const root = rootOf(c);
    const group = groups.get(root);
    if (group) group.push(c.message!);
    else groups.set(root, [c.message!]);
  }

  // Subject fallback: a reply without references joins the oldest conversation of its subject.
  const ordered = [...groups.values()];
  for (const group of ordered) if (group.length > 1) group.sort(byDate);
  ordered.sort((a, b) => a[0]!.date - b[0]!.date);
  const bySubject = new Map<string, ThreadInput[]>();
  const grown = new Set<ThreadInput[]>();
  const result: ThreadInput[][] = [];
  for (const group of ordered) {
    const first = group[0]!;
    const home = first.subject ? bySubject.get(first.subject) : undefined;
    if (home && group.length === 1 && first.reply && first.refs.length === 0) {
      home.push(first);
      grown.add(home);
      continue;
    }
    if (first.subject && !home) bySubject.set(first.subject, group);
    result.push(group);
  }
  for (const group of grown) group.sort(byDate);
  return result.map((group) => ({ id: group[0]!.id, messageIds: group.map((m) => m.id), latest: group[group.length - 1]!.date }));
}
