import { CapabilityRules, type CapabilityFilterOptions, type Refusal } from './capability-rules';
import { ImapFramer, type ImapPiece } from './imap-framing';

export interface FilterOutput {
  toServer: Buffer[];
  toClient: Buffer[];
}

const tagOf = (line: string) => line.split(' ', 1)[0] ?? '*';

/**
 * One IMAP connection seen by the capability filter, without sockets: bytes in from either side,
 * bytes out to either side. Server lines are rewritten whole, whatever the TCP chunks were;
 * literals pass untouched. A client command that needs a hidden extension never reaches the
 * server: the client gets `<tag> BAD [CLIENTBUG]`, put between two server responses, never into one.
 */
export class ImapCapabilityFilter {
  private readonly rules: CapabilityRules;
  private readonly client = new ImapFramer('client');
  private readonly server = new ImapFramer('server');
  /** The rest of a refused command (after a {n+} literal) is swallowed. */
  private dropping = false;
  private heldTag: string | undefined;
  /** The command being read, literals shown as "". */
  private command = '';
  private readonly answersWaiting: Buffer[] = [];
  readonly refusals: Refusal[] = [];

  constructor(options: CapabilityFilterOptions) {
    this.rules = new CapabilityRules(options);
  }

  fromClient(chunk: Buffer): FilterOutput {
    const out: FilterOutput = { toServer: [], toClient: [] };
    this.clientPieces(this.client.push(chunk), out);
    return out;
  }

  fromServer(chunk: Buffer): FilterOutput {
    const out: FilterOutput = { toServer: [], toClient: [] };
    for (const piece of this.server.push(chunk)) {
      if (piece.kind === 'literal') {
        out.toClient.push(piece.bytes);
        continue;
      }
      if (piece.first && this.client.holding) this.answerToHeldLiteral(piece.bytes.toString('latin1'), out);
      const line = piece.first ? this.rules.rewriteServerLine(piece.bytes, !piece.literal) : piece.bytes;
      if (line) out.toClient.push(line);
      if (this.server.atBoundary) out.toClient.push(...this.answersWaiting.splice(0));
    }
    return out;
  }

  /** "+" lets the client's synchronizing literal through; a tagged answer means it never comes. */
  private answerToHeldLiteral(line: string, out: FilterOutput): void {
    if (line.startsWith('+')) this.clientPieces(this.client.grant(), out);
    else if (this.heldTag && tagOf(line) === this.heldTag) this.clientPieces(this.client.cancel(), out);
  }

  private clientPieces(pieces: ImapPiece[], out: FilterOutput): void {
    for (const piece of pieces) {
      if (piece.kind === 'line') this.clientLine(piece, out);
      else if (!this.dropping) out.toServer.push(piece.bytes);
    }
  }

  private clientLine(piece: Extract<ImapPiece, { kind: 'line' }>, out: FilterOutput): void {
    const text = piece.bytes.toString('latin1');
    if (piece.first) {
      this.dropping = false;
      this.command = '';
      if (piece.literal?.synchronizing) this.heldTag = tagOf(text);
    }
    if (this.dropping) return;
    this.command += text.replace(/\r?\n$/, '').replace(/~?\{\d+\+?\}$/, '""');
    const refusal = this.rules.refusalFor(this.command, { nonSynchronizingLiteral: piece.literal?.synchronizing === false });
    if (!refusal) {
      out.toServer.push(piece.bytes);
      return;
    }
    this.refusals.push(refusal);
    this.dropping = true;
    if (piece.first) this.answer(`${tagOf(text)} BAD [CLIENTBUG] ${refusal.capability} was not advertised (hidden by the capability filter)\r\n`, out);
    // The start of a command already at the server cannot be taken back: an unclosed
    // parenthesis makes the server refuse the whole command itself.
    else out.toServer.push(Buffer.from(' (\r\n'));
    if (this.client.holding) this.clientPieces(this.client.cancel(), out);
  }

  private answer(line: string, out: FilterOutput): void {
    if (this.server.atBoundary) out.toClient.push(Buffer.from(line, 'latin1'));
    else this.answersWaiting.push(Buffer.from(line, 'latin1'));
  }
}
