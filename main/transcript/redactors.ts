import type { LineRedactor, Redacted, TranscriptProtocol } from './types';

export const REDACTED = '<redacted>';

const keep = (text: string): Redacted => ({ text, redacted: false });
const hide = (text: string): Redacted => ({ text, redacted: true });

/** Splits "a1 LOGIN alice secret" into the first IMAP argument and the rest. */
function firstImapArgument(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    const match = /^"(?:[^"\\]|\\.)*"/.exec(rest);
    return match?.[0];
  }
  const match = /^[^\s{"]+/.exec(rest);
  return match?.[0];
}

function imapRedactor(): LineRedactor {
  // Tag of an AUTHENTICATE or literal LOGIN in flight: every client line until its tagged answer is a credential.
  let secretTag: string | undefined;
  return {
    client(line) {
      if (secretTag !== undefined) return hide(REDACTED);
      const match = /^(\S+)\s+(LOGIN|AUTHENTICATE)(?:\s+(.*))?$/i.exec(line);
      if (!match) return keep(line);
      const [, tag, command, rest = ''] = match;
      if (command!.toUpperCase() === 'LOGIN') {
        const user = firstImapArgument(rest);
        // A literal ({n} or {n+}) anywhere means the password follows on the next client line(s).
        if (user === undefined || /\{\d+\+?\}\s*$/.test(rest)) secretTag = tag;
        if (user === undefined) return hide(`${tag} ${command} ${REDACTED}`);
        return hide(`${tag} ${command} ${user} ${REDACTED}`);
      }
      const mechanism = rest.split(/\s+/)[0] ?? '';
      secretTag = tag;
      const hasInitialResponse = rest.trim().includes(' ');
      return hasInitialResponse ? hide(`${tag} ${command} ${mechanism} ${REDACTED}`) : keep(line);
    },
    server(line) {
      if (secretTag !== undefined && line.startsWith(`${secretTag} `)) secretTag = undefined;
      return keep(line);
    },
  };
}

function pop3Redactor(): LineRedactor {
  let authenticating = false;
  return {
    client(line) {
      if (authenticating) return hide(REDACTED);
      const pass = /^(PASS)(\s.*)?$/i.exec(line);
      if (pass) return hide(`${pass[1]} ${REDACTED}`);
      const apop = /^(APOP)\s+(\S+)(\s.*)?$/i.exec(line);
      if (apop) return hide(`${apop[1]} ${apop[2]} ${REDACTED}`);
      const auth = /^(AUTH)\s+(\S+)(\s+\S.*)?$/i.exec(line);
      if (auth) {
        authenticating = true;
        return auth[3] ? hide(`${auth[1]} ${auth[2]} ${REDACTED}`) : keep(line);
      }
      return keep(line);
    },
    server(line) {
      if (authenticating && (line.startsWith('+OK') || line.startsWith('-ERR'))) authenticating = false;
      return keep(line);
    },
  };
}

function smtpRedactor(): LineRedactor {
  let authenticating = false;
  return {
    client(line) {
      if (authenticating) return hide(REDACTED);
      const auth = /^(AUTH)\s+(\S+)(\s+\S.*)?$/i.exec(line);
      if (!auth) return keep(line);
      authenticating = true;
      return auth[3] ? hide(`${auth[1]} ${auth[2]} ${REDACTED}`) : keep(line);
    },
    server(line) {
      // 334 asks for the next piece of the credential; anything else ends the exchange.
      if (authenticating && !line.startsWith('334')) authenticating = false;
      return keep(line);
    },
  };
}

export function createRedactor(protocol: TranscriptProtocol): LineRedactor {
  switch (protocol) {
    case 'imap':
      return imapRedactor();
    case 'pop3':
      return pop3Redactor();
    case 'smtp':
      return smtpRedactor();
  }
}
