/** Which extensions a filtered server pretends not to have. */
export interface CapabilityFilterOptions {
  /** Capabilities to remove, as the server spells them (QRESYNC, CONDSTORE, IDLE, MOVE, ESEARCH, UIDPLUS, …). */
  hide: string[];
  /** Also remove the SPECIAL-USE attributes (\Sent, \Drafts, …) from LIST answers. */
  stripSpecialUse?: boolean;
}

/** A command the filter refused because it used an extension the client was not offered. */
export interface Refusal {
  capability: string;
  command: string;
}

/** The filter reads plain IMAP only: after STARTTLS or COMPRESS it would see noise. */
const ALWAYS_HIDDEN = ['STARTTLS', 'COMPRESS=DEFLATE'];
const SPECIAL_USE_ATTRIBUTES = /\s*\\(Sent|Drafts|Trash|Junk|Archive|All|Flagged|Important)\b/gi;
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

type Check = (verb: string, args: string) => boolean;

/** Uses of an extension in a command's arguments; commands named like an extension are checked apart. */
const argumentChecks: Record<string, Check> = {
  CONDSTORE: (verb, args) =>
    (/^(SELECT|EXAMINE)$/.test(verb) && /\(\s*CONDSTORE\b/.test(args)) ||
    (/FETCH$/.test(verb) && /\b(CHANGEDSINCE|MODSEQ)\b/.test(args)) ||
    (/STORE$/.test(verb) && /\bUNCHANGEDSINCE\b/.test(args)) ||
    (/SEARCH$/.test(verb) && /\bMODSEQ\b/.test(args)) ||
    (verb === 'STATUS' && /\bHIGHESTMODSEQ\b/.test(args)),
  QRESYNC: (verb, args) => (/^(SELECT|EXAMINE)$/.test(verb) && /\bQRESYNC\b/.test(args)) || (/FETCH$/.test(verb) && /\bVANISHED\b/.test(args)),
  ESEARCH: (verb, args) => /SEARCH$/.test(verb) && /\bRETURN\s*\(/.test(args),
  UIDPLUS: (verb) => verb === 'UID EXPUNGE',
  'SPECIAL-USE': (verb, args) => (verb === 'LIST' && /\bSPECIAL-USE\b/.test(args)) || (verb === 'CREATE' && /\bUSE\s*\(/.test(args)),
  'LIST-STATUS': (verb, args) => verb === 'LIST' && /\bRETURN\s*\(.*\bSTATUS\b/.test(args),
  'LIST-EXTENDED': (verb, args) => verb === 'LIST' && (args.startsWith('(') || /\bRETURN\s*\(/.test(args)),
  'SASL-IR': (verb, args) => verb === 'AUTHENTICATE' && args.trim().split(/\s+/).length > 1,
};

/**
 * What a server without the hidden extensions would say and accept: it filters capability lists
 * (greeting, CAPABILITY, the [CAPABILITY] code after login, ENABLED), strips what only those
 * extensions produce, and names the extension a command would need when it was not offered.
 */
export class CapabilityRules {
  private readonly hidden: Set<string>;

  constructor(private readonly options: CapabilityFilterOptions) {
    this.hidden = new Set([...options.hide, ...ALWAYS_HIDDEN].map((c) => c.toUpperCase()));
  }

  /** The line the client gets instead (same bytes when untouched); null drops a single-line response. */
  rewriteServerLine(line: Buffer, singleLine: boolean): Buffer | null {
    const text = line.toString('latin1');
    const body = text.replace(/\r?\n$/, '');
    const rewritten = this.rewrite(body);
    if (rewritten === null) return singleLine ? null : line;
    return rewritten === body ? line : Buffer.from(`${rewritten}\r\n`, 'latin1');
  }

  private rewrite(line: string): string | null {
    if (/^\* (CAPABILITY|ENABLED)(\s|$)/i.test(line)) return line.replace(/^(\* \S+)(.*)$/, (_, head: string, list: string) => head + this.kept(list));
    let out = line.replace(/^(\S+ (?:OK|NO|BAD|PREAUTH|BYE) \[CAPABILITY)([^\]]*)\]/i, (_, head: string, list: string) => `${head}${this.kept(list)}]`);
    if (this.options.stripSpecialUse && /^\* (LIST|LSUB|XLIST) \(/i.test(out)) {
      out = out.replace(/^(\* \S+ \()([^)]*)\)/, (_, head: string, attributes: string) => `${head}${attributes.replace(SPECIAL_USE_ATTRIBUTES, '').trim()})`);
    }
    if (this.hidden.has('CONDSTORE')) {
      if (/^\* OK \[(HIGHESTMODSEQ|NOMODSEQ)\b/i.test(out)) return null;
      if (/^\* \d+ FETCH \(/i.test(out)) out = out.replace(/ MODSEQ \(\d+\)/i, '').replace(/\(MODSEQ \(\d+\) ?/i, '(');
    }
    return out;
  }

  private kept(list: string): string {
    const tokens = list.trim().split(/\s+/).filter((token) => token && !this.hidden.has(token.toUpperCase()));
    return tokens.length ? ` ${tokens.join(' ')}` : '';
  }

  /**
   * The hidden extension a client command would need, if any. `command` is its text so far without
   * CRLF, each literal shown as "" (their contents are data, never syntax).
   */
  refusalFor(command: string, options: { nonSynchronizingLiteral?: boolean } = {}): Refusal | undefined {
    if (options.nonSynchronizingLiteral && this.hidden.has('LITERAL+')) return { capability: 'LITERAL+', command };
    const match = /^(\S+) (UID [A-Za-z]+|[A-Za-z][A-Za-z0-9-]*)(?: (.*))?$/.exec(command);
    if (!match) return undefined;
    const verb = match[2]!.toUpperCase();
    const args = (match[3] ?? '').replace(QUOTED, '""').toUpperCase();
    const needed = this.neededBy(verb, args);
    return needed ? { capability: needed, command } : undefined;
  }

  private neededBy(verb: string, args: string): string | undefined {
    const bare = verb.replace(/^UID /, '');
    if (this.hidden.has(bare)) return bare;
    if (bare === 'COMPRESS') return 'COMPRESS=DEFLATE';
    if (verb === 'ENABLE') return args.split(/\s+/).find((extension) => this.hidden.has(extension));
    if (verb === 'AUTHENTICATE' && this.hidden.has(`AUTH=${args.split(/\s+/)[0]}`)) return `AUTH=${args.split(/\s+/)[0]}`;
    return Object.entries(argumentChecks).find(([capability, check]) => this.hidden.has(capability) && check(verb, args))?.[0];
  }
}
