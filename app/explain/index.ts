import type { ErrorInfo } from '../errors';
import { errorCodeExplanations } from './error-codes';
import type { Explanation } from './explanation';
import { imapExplanations, pop3Explanations } from './mailbox-codes';
import { smtpEnhancedExplanations, smtpReplyExplanations } from './smtp-codes';

export type { Explanation } from './explanation';
export { errorCodeExplanations, imapExplanations, pop3Explanations, smtpEnhancedExplanations, smtpReplyExplanations };

export interface ExplainedOutcome {
  /** What was looked up, e.g. "SMTP 5.7.8", "IMAP [OVERQUOTA]", "AUTH_FAILED". */
  outcome: string;
  explanation: Explanation;
}

function responseCode(info: ErrorInfo): string | undefined {
  const fromDetails = info.details?.responseCode;
  if (typeof fromDetails === 'string') return fromDetails.toUpperCase();
  return /\[([A-Za-z][A-Za-z/-]*)/.exec(info.serverText ?? '')?.[1]?.toUpperCase();
}

/**
 * The one lookup every error view uses: the most specific explanation first (SMTP enhanced status
 * code, SMTP reply code, IMAP or POP3 response code, IMAP NO/BAD, POP3 -ERR), then the app's error
 * code, which always has one.
 */
export function explainError(info: ErrorInfo): ExplainedOutcome[] {
  const found: ExplainedOutcome[] = [];
  const add = (outcome: string, explanation: Explanation | undefined) => {
    if (explanation) found.push({ outcome, explanation });
  };
  const text = info.serverText ?? '';
  if (info.protocol === 'smtp') {
    const enhanced = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(text)?.[1];
    if (enhanced) add(`SMTP ${enhanced}`, smtpEnhancedExplanations[enhanced]);
    const reply = String(info.details?.replyCode ?? /^(\d{3})/.exec(text)?.[1] ?? '');
    if (reply) add(`SMTP ${reply}`, smtpReplyExplanations[reply]);
  }
  if (info.protocol === 'imap') {
    const code = responseCode(info);
    if (code) add(`IMAP [${code}]`, imapExplanations[code]);
    const status = /^\S+\s+(NO|BAD)\b/.exec(text)?.[1];
    if (status) add(`IMAP ${status}`, imapExplanations[status]);
  }
  if (info.protocol === 'pop3') {
    const code = responseCode(info);
    if (code) add(`POP3 [${code}]`, pop3Explanations[code]);
    if (text.startsWith('-ERR')) add('POP3 -ERR', pop3Explanations['-ERR']);
  }
  add(info.code, errorCodeExplanations[info.code]);
  return found;
}
