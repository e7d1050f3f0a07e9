import { isIP } from 'node:net';
import tls from 'node:tls';
import type { ServerSettings } from '../../app/domain/account';
import type { CertificateInfo, TlsInfo } from '../../app/domain/connection';

/** TLS options for one server: system roots plus the certificates the user chose to trust. */
export function tlsOptionsFor(server: Pick<ServerSettings, 'host' | 'trustedCertificates'>): tls.ConnectionOptions {
  const options: tls.ConnectionOptions = { minVersion: 'TLSv1.2', rejectUnauthorized: true };
  if (!isIP(server.host)) options.servername = server.host;
  if (server.trustedCertificates?.length) options.ca = [...tls.rootCertificates, ...server.trustedCertificates];
  return options;
}

function formatName(name: tls.Certificate | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

export function certificateInfo(cert: tls.PeerCertificate): CertificateInfo {
  const pem = `-----BEGIN CERTIFICATE-----\n${cert.raw
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd()}\n-----END CERTIFICATE-----\n`;
  const info: CertificateInfo = {
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    fingerprint256: cert.fingerprint256,
    pem,
  };
  if (cert.subjectaltname) info.subjectAltName = cert.subjectaltname;
  return info;
}

export function describeTls(socket: tls.TLSSocket): TlsInfo {
  const cipher = socket.getCipher();
  const info: TlsInfo = {
    protocol: socket.getProtocol() ?? 'unknown',
    cipher: cipher?.standardName ?? cipher?.name ?? 'unknown',
    authorized: socket.authorized,
  };
  const cert = socket.getPeerCertificate();
  if (cert && cert.raw) info.certificate = certificateInfo(cert);
  return info;
}
