import type { ServerProbe } from './connection';

export interface FolderStatusInfo {
  path: string;
  specialUse?: string;
  messages?: number;
  uidValidity?: string;
  uidNext?: number;
  highestModseq?: string;
}

export interface ExtensionUse {
  protocol: 'imap' | 'pop3' | 'smtp';
  name: string;
  offered: boolean;
  /** 'uses': Postbote relies on it when offered; 'wants': it would make Postbote better. */
  postbote: 'uses' | 'wants';
}

export interface AccountHealth {
  /** Last time any engine completed a conversation with the incoming server (ms). */
  lastContact?: number;
  lastContactProtocol?: 'imap' | 'pop3' | 'smtp';
  /** IDLE state of the IMAP INBOX: unknown until the IMAP engine reports it. */
  idle?: 'active' | 'restarted' | 'stalled' | 'not in use';
}

/** Like `mpop --serverinfo`, for both servers of an account, fresh from a probe. */
export interface ServerReport {
  accountId: string;
  generatedAt: number;
  incoming: ServerProbe;
  outgoing: ServerProbe;
  extensions: ExtensionUse[];
  health: AccountHealth;
}
