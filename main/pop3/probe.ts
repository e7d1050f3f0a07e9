import type { ServerProbe } from '../../app/domain/connection';
import { PostboteError } from '../../app/errors';
import { LineConnection } from '../net/line-connection';
import { runProbe, type ProbeRequest } from '../net/probe';
import { tlsOptionsFor } from '../net/tls';
import { xoauth2Response } from './commands/auth-sasl';

function refused(line: string, message: string): PostboteError {
  return new PostboteError({ code: 'SERVER_ERROR', message, protocol: 'pop3', serverText: line });
}

async function expectOk(connection: LineConnection, what: string): Promise<string> {
  const line = await connection.readLine();
  if (!line.startsWith('+OK')) throw refused(line, `The POP3 server refused ${what}.`);
  return line;
}

async function readCapabilities(connection: LineConnection): Promise<string[]> {
  connection.send('CAPA');
  const first = await connection.readLine();
  if (!first.startsWith('+OK')) return [];
  const capabilities: string[] = [];
  for (let line = await connection.readLine(); line !== '.'; line = await connection.readLine()) {
    capabilities.push(line.startsWith('..') ? line.slice(1) : line);
  }
  return capabilities;
}

/** Greeting, CAPA, STLS as the settings demand, USER/PASS, QUIT. */
export function probePop3(request: ProbeRequest): Promise<ServerProbe> {
  const { server } = request;
  return runProbe('pop3', request, async (session, findings) => {
    const connection = await LineConnection.open({
      protocol: 'pop3',
      host: server.host,
      port: server.port,
      implicitTls: server.security === 'tls',
      tlsOptions: tlsOptionsFor(server),
      timeoutMs: request.timeoutMs,
      transcript: session,
    });
    try {
      findings.greeting = await expectOk(connection, 'the connection');
      findings.tls = connection.tls;
      let capabilities = await readCapabilities(connection);
      if (server.security === 'starttls') {
        if (!capabilities.some((c) => c.toUpperCase() === 'STLS')) {
          throw new PostboteError({ code: 'STARTTLS_UNAVAILABLE', message: 'The POP3 server does not offer STLS, so the password would travel unencrypted. Postbote did not send it.', protocol: 'pop3' });
        }
        connection.send('STLS');
        await expectOk(connection, 'to start TLS');
        await connection.upgrade();
        findings.tls = connection.tls;
        capabilities = await readCapabilities(connection);
      }
      findings.capabilities = capabilities;
      findings.authMechanisms = capabilities.find((c) => /^SASL\b/i.test(c))?.split(/\s+/).slice(1) ?? [];
      if (request.login === false) {
        connection.send('QUIT');
        await connection.readLine().catch(() => '');
        return;
      }
      if (server.authMethod === 'xoauth2') {
        connection.send(`AUTH XOAUTH2 ${xoauth2Response(server.username, request.password)}`);
        let answer = await connection.readLine();
        // A refused token comes back as a '+ <base64 JSON>' challenge; an empty line ends the exchange.
        if (answer.startsWith('+ ') || answer === '+') {
          connection.send('');
          answer = await connection.readLine();
        }
        if (!answer.startsWith('+OK')) throw new PostboteError({ code: 'AUTH_FAILED', message: 'The POP3 server did not accept the access token.', protocol: 'pop3', serverText: answer });
        connection.send('QUIT');
        await connection.readLine().catch(() => '');
        return;
      }
      connection.send(`USER ${server.username}`);
      const user = await connection.readLine();
      if (!user.startsWith('+OK')) throw new PostboteError({ code: 'AUTH_FAILED', message: 'The POP3 server did not accept the user name.', protocol: 'pop3', serverText: user });
      connection.send(`PASS ${request.password}`);
      const pass = await connection.readLine();
      if (!pass.startsWith('+OK')) {
        const temporary = /\[(SYS\/TEMP|IN-USE|LOGIN-DELAY)\]/i.test(pass);
        throw new PostboteError({
          code: temporary ? 'SERVER_ERROR' : 'AUTH_FAILED',
          message: temporary ? 'The POP3 server cannot open the mailbox right now; try again later.' : 'The POP3 server did not accept the user name or password.',
          protocol: 'pop3',
          serverText: pass,
        });
      }
      connection.send('QUIT');
      await connection.readLine().catch(() => '');
    } finally {
      connection.close();
    }
  });
}
