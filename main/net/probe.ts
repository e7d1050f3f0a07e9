import type { ServerSettings } from '../../app/domain/account';
import type { ServerProbe } from '../../app/domain/connection';
import { PostboteError, type Protocol } from '../../app/errors';
import type { Transcript, TranscriptSession } from '../transcript';
import { peekCertificate } from './certificate-peek';

export interface ProbeRequest {
  server: ServerSettings;
  password: string;
  transcript: Transcript;
  accountId?: string;
  timeoutMs: number;
  /** IMAP: also list the folders with their status (for the server report). */
  withFolders?: boolean;
  /**
   * false: stop after the greeting, TLS and capabilities, without logging in (settings discovery
   * probes a guessed server before the user has typed a password). Default true.
   */
  login?: boolean;
}

/** What a protocol's probe learned before it finished or failed. */
export interface ProbeFindings {
  greeting?: string;
  capabilities: string[];
  authMechanisms: string[];
  tls?: ServerProbe['tls'];
  folders?: ServerProbe['folders'];
}

/**
 * Runs one protocol's probe with the bookkeeping every probe shares: a transcript session, the
 * elapsed time, a typed error on failure and, when the certificate is not trusted, the
 * certificate itself so the user can decide to trust it.
 */
export async function runProbe(
  protocol: Protocol,
  request: ProbeRequest,
  probe: (session: TranscriptSession, findings: ProbeFindings) => Promise<void>,
): Promise<ServerProbe> {
  const { server } = request;
  const session = request.transcript.openSession({
    protocol,
    host: server.host,
    port: server.port,
    username: server.username,
    secrets: [request.password],
    ...(request.accountId !== undefined ? { accountId: request.accountId } : {}),
  });
  const findings: ProbeFindings = { capabilities: [], authMechanisms: [] };
  const started = performance.now();
  const result = (error?: PostboteError): ServerProbe => {
    const probe: ServerProbe = {
      protocol,
      host: server.host,
      port: server.port,
      ok: !error,
      capabilities: findings.capabilities,
      authMechanisms: findings.authMechanisms,
      elapsedMs: Math.round(performance.now() - started),
      transcriptSession: session.id,
    };
    if (findings.greeting !== undefined) probe.greeting = findings.greeting;
    if (findings.tls) probe.tls = findings.tls;
    if (findings.folders) probe.folders = findings.folders;
    if (error) {
      error.transcriptSession = session.id;
      probe.error = error.toInfo();
    }
    return probe;
  };
  try {
    await probe(session, findings);
    session.close('probe finished');
    return result();
  } catch (caught) {
    const error =
      caught instanceof PostboteError
        ? caught
        : new PostboteError({ code: 'INTERNAL', message: `Unexpected failure while testing ${protocol.toUpperCase()}: ${String(caught)}`, protocol });
    session.close(`failed: ${error.message}`);
    if (error.code === 'TLS_UNTRUSTED' || error.code === 'TLS_HOSTNAME_MISMATCH' || error.code === 'TLS_EXPIRED') {
      const certificate = await peekCertificate(protocol, server, Math.min(request.timeoutMs, 5000)).catch(() => undefined);
      if (certificate) return result(new PostboteError({ ...error.toInfo(), details: { ...error.details, certificate } }));
    }
    return result(error);
  }
}
