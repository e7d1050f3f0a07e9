import type { ErrorInfo, Protocol } from '../errors';
import type { FolderStatusInfo } from './server-report';

export interface CertificateInfo {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex, as browsers show it. */
  fingerprint256: string;
  subjectAltName?: string;
  /** The certificate itself, so the user can choose to trust it. */
  pem: string;
}

export interface TlsInfo {
  protocol: string;
  cipher: string;
  authorized: boolean;
  certificate?: CertificateInfo;
}

/** What probing one server found: enough for the "test account" result and the server report. */
export interface ServerProbe {
  protocol: Protocol;
  host: string;
  port: number;
  ok: boolean;
  greeting?: string;
  capabilities: string[];
  tls?: TlsInfo;
  authMechanisms: string[];
  elapsedMs: number;
  transcriptSession: string;
  error?: ErrorInfo;
  /** IMAP, when asked for (server report): each folder's UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ. */
  folders?: FolderStatusInfo[];
  /** The server showed a certificate the user trusted for this host before (another account, or this one's other server): not asked again. */
  trustReused?: true;
}

export interface AccountTestResult {
  ok: boolean;
  incoming: ServerProbe;
  outgoing: ServerProbe;
}
