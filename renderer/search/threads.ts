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

interface Container {
  message?: ThreadInput;
  parent?: Container;
  children: Container[];
}

function isAncestor(maybe: Container, of: Container): boolean {
  for (let c: Container | undefined = of; c; c = c.parent) if (c === maybe) return true;
  return false;
}

function unlink(child: Container): void {
  const parent = child.parent;
  if (!parent) return;
  const at = parent.children.indexOf(child);
  if (at >= 0) parent.children.splice(at, 1);
  child.parent = undefined;
}

function link(parent: Container, child: Container): void {
  if (parent === child || isAncestor(child, parent)) return;
  unlink(child);
  child.parent = parent;
  parent.children.push(child);
}

export function buildThreads(messages: readonly ThreadInput[]): Thread[] {
  const byId = new Map<string, Container>();
  const container = (messageId: string): Container => {
    let c = byId.get(messageId);
    if (!c) byId.set(messageId, (c = { children: [] }));
    return c;
  };
  const all: Container[] = [];
  for (const message of messages) {
    // A missing or repeated Message-ID gets a container of its own.
    let own = message.messageId ? container(message.messageId) : undefined;
    if (!own || own.message) {
      own = { children: [] };
    }
    own.message = message;
    all.push(own);
    let previous: Container | undefined;
    for (const ref of message.refs) {
      if (ref === message.messageId) continue;
      const c = container(ref);
      if (previous && !c.parent) link(previous, c);
      previous = c;
    }
    if (previous) {
      if (own.parent !== previous) link(previous, own);
    } else if (own.parent) unlink(own);
  }

  // Each message's conversation: the topmost container above it.
  const groups = new Map<Container, ThreadInput[]>();
  for (const c of all) {
    let root = c;
    while (root.parent) root = root.parent;
    let group = groups.get(root);
    if (!group) groups.set(root, (group = []));
    group.push(c.message!);
  }

  // Subject fallback: a reply without references joins the oldest conversation of its subject.
  const ordered = [...groups.values()].map((g) => g.sort((a, b) => a.date - b.date));
  ordered.sort((a, b) => a[0]!.date - b[0]!.date);
  const bySubject = new Map<string, ThreadInput[]>();
  const result: ThreadInput[][] = [];
  for (const group of ordered) {
    const first = group[0]!;
    const home = first.subject ? bySubject.get(first.subject) : undefined;
    if (home && group.length === 1 && first.reply && first.refs.length === 0) {
      home.push(first);
      continue;
    }
    if (first.subject && !home) bySubject.set(first.subject, group);
    result.push(group);
  }
  return result.map((group) => {
    group.sort((a, b) => a.date - b.date);
    return { id: group[0]!.id, messageIds: group.map((m) => m.id), latest: group[group.length - 1]!.date };
  });
}
