// Autoconfig XML for the account setup tests, on 127.0.0.1 only: HTTPS (the test certificate) and plain HTTP.
//   node autoconfig-server.mjs --dir DIR --https PORT --http PORT --imaps PORT --submission PORT
// autoconf.test:  HTTPS serves the good file (placeholders, the mailsrv.sh ports); HTTP serves one that must lose.
// httponly.test:  only HTTP has a file (the fall-back from HTTPS to HTTP).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, value, index, all) => (index % 2 === 0 ? [...pairs, [value.replace(/^--/, ''), all[index + 1]]] : pairs), []));
const xml = (label, imaps, submission) => `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="%EMAILDOMAIN%">
    <domain>%EMAILDOMAIN%</domain>
    <displayName>${label}</displayName>
    <incomingServer type="imap">
      <hostname>imap.%EMAILDOMAIN%</hostname>
      <port>${imaps}</port>
      <socketType>SSL</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILLOCALPART%</username>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.%EMAILDOMAIN%</hostname>
      <port>${submission}</port>
      <socketType>STARTTLS</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </outgoingServer>
  </emailProvider>
</clientConfig>
`;

// Real providers put the domain in, not the placeholder, for the domain elements; the host names keep it.
const file = (domain, label) => xml(label, args.imaps, args.submission).replace(/<domain>%EMAILDOMAIN%<\/domain>/, `<domain>${domain}</domain>`).replace('id="%EMAILDOMAIN%"', `id="${domain}"`);

function handler(secure) {
  return (request, response) => {
    const host = String(request.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(request.url ?? '/', 'http://x');
    const wanted = url.pathname === '/mail/config-v1.1.xml' ? host.replace(/^autoconfig\./, '') : url.pathname === '/.well-known/autoconfig/mail/config-v1.1.xml' ? host : undefined;
    let body;
    if (wanted === 'autoconf.test') body = file(wanted, secure ? 'Autoconf Test Mail (HTTPS)' : 'Autoconf Test Mail (HTTP)');
    if (wanted === 'httponly.test' && !secure) body = file(wanted, 'HTTP-only Test Mail');
    process.stdout.write(`${secure ? 'https' : 'http'} ${host}${request.url} -> ${body ? 200 : 404}\n`);
    if (!body) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      return response.end('not found\n');
    }
    response.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
    response.end(body);
  };
}

const tls = { key: readFileSync(path.join(args.dir, 'ssl/key.pem')), cert: readFileSync(path.join(args.dir, 'ssl/cert.pem')) };
https.createServer(tls, handler(true)).listen(Number(args.https), '127.0.0.1');
http.createServer(handler(false)).listen(Number(args.http), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
