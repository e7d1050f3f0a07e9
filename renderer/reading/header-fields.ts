import type { MailAddress } from '../../app/domain/message-summary';

/** The header block the pane shows, from a stored message's record or a parsed file alike. */
export interface HeaderFields {
  subject: string;
  from: MailAddress[];
  sender?: MailAddress[] | undefined;
  to: MailAddress[];
  cc: MailAddress[];
  replyTo?: MailAddress[] | undefined;
  date?: number | undefined;
}
