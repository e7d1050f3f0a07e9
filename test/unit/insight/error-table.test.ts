import { describe, expect, it } from 'vitest';
import { errorCodes, type ErrorInfo } from '../../../app/errors';
import { errorCodeExplanations, explainError, imapExplanations, pop3Explanations, smtpEnhancedExplanations, smtpReplyExplanations, type Explanation } from '../../../app/explain';
import { imapKnownResponseCodes } from '../../../main/imap/errors';
import { pop3MappedResponseCodes } from '../../../main/pop3/errors';
import { smtpKnownEnhancedCodes, smtpKnownReplyCodes } from '../../../main/smtp/errors';

function complete(explanation: Explanation | undefined): boolean {
  return Boolean(explanation && explanation.en.what && explanation.en.fix && explanation.de.what && explanation.de.fix);
}

describe('the table of errors explained', () => {
  it.each([
    ['every app error code', errorCodes, errorCodeExplanations],
    ['every POP3 response code the engine maps, and -ERR', [...pop3MappedResponseCodes, '-ERR'], pop3Explanations],
    ['every IMAP response code, and NO and BAD', [...imapKnownResponseCodes, 'NO', 'BAD'], imapExplanations],
    ['every SMTP reply code', smtpKnownReplyCodes, smtpReplyExplanations],
    ['every SMTP enhanced status code', smtpKnownEnhancedCodes, smtpEnhancedExplanations],
  ] as const)('covers %s in English and German', (_label, codes, table) => {
    const missing = codes.filter((code) => !complete((table as Record<string, Explanation>)[code]));
    expect(missing).toEqual([]);
  });

  it.each<[string, ErrorInfo, string[]]>([
    ['wrong SMTP password', { code: 'AUTH_FAILED', message: '', protocol: 'smtp', serverText: '535 5.7.8 Error: authentication failed: authentication failure' }, ['SMTP 5.7.8', 'SMTP 535', 'AUTH_FAILED']],
    ['message too big', { code: 'SERVER_ERROR', message: '', protocol: 'smtp', serverText: '552 5.3.4 Message size exceeds fixed limit', details: { replyCode: 552 } }, ['SMTP 5.3.4', 'SMTP 552', 'SERVER_ERROR']],
    ['unknown recipient', { code: 'SERVER_ERROR', message: '', protocol: 'smtp', serverText: '550 5.1.1 <x@example.test>: Recipient address rejected' }, ['SMTP 5.1.1', 'SMTP 550', 'SERVER_ERROR']],
    ['a refused recipient stops the message', { code: 'RECIPIENT_REFUSED', message: '', protocol: 'smtp', serverText: '550 5.1.1 <x@example.test>: Recipient address rejected: User unknown', details: { replyCode: 550 } }, ['SMTP 5.1.1', 'SMTP 550', 'RECIPIENT_REFUSED']],
    ['too big for the SIZE the server announced', { code: 'MESSAGE_TOO_LARGE', message: '', protocol: 'smtp', serverText: '250 SIZE 26214400' }, ['MESSAGE_TOO_LARGE']],
    ['too big, refused after the data', { code: 'MESSAGE_TOO_LARGE', message: '', protocol: 'smtp', serverText: '552 5.3.4 Message size exceeds fixed limit', details: { replyCode: 552 } }, ['SMTP 5.3.4', 'SMTP 552', 'MESSAGE_TOO_LARGE']],
    ['an unclear ending', { code: 'SEND_UNCLEAR', message: '', protocol: 'smtp' }, ['SEND_UNCLEAR']],
    ['IMAP login', { code: 'AUTH_FAILED', message: '', protocol: 'imap', serverText: 'A1 NO [AUTHENTICATIONFAILED] Authentication failed.' }, ['IMAP [AUTHENTICATIONFAILED]', 'IMAP NO', 'AUTH_FAILED']],
    ['IMAP quota', { code: 'SERVER_ERROR', message: '', protocol: 'imap', serverText: 'A5 NO [OVERQUOTA] Quota exceeded' }, ['IMAP [OVERQUOTA]', 'IMAP NO', 'SERVER_ERROR']],
    ['POP3 lock', { code: 'SERVER_ERROR', message: '', protocol: 'pop3', serverText: '-ERR [IN-USE] Mailbox is locked', details: { responseCode: 'IN-USE' } }, ['POP3 [IN-USE]', 'POP3 -ERR', 'SERVER_ERROR']],
    ['a server without UIDPLUS', { code: 'UNSUPPORTED_BY_SERVER', message: '', protocol: 'imap' }, ['UNSUPPORTED_BY_SERVER']],
    ['self-signed certificate', { code: 'TLS_UNTRUSTED', message: '', protocol: 'imap' }, ['TLS_UNTRUSTED']],
    ['DNS failure', { code: 'HOST_NOT_FOUND', message: '' }, ['HOST_NOT_FOUND']],
  ])('explains %s from the most specific outcome to the general one', (_label, info, outcomes) => {
    expect(explainError(info).map((e) => e.outcome)).toEqual(outcomes);
  });
});
