/** A mailbox as lists and headers show it. */
export interface MailAddress {
  name?: string;
  address: string;
}

/** What the message list needs of a message, taken from its header block. */
export interface MessageSummary {
  subject: string;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  sender: MailAddress[];
  /** The Date header in ms since the epoch; absent when missing or unreadable. */
  date?: number;
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  hasAttachments: boolean;
}
