import net from 'node:net';

export interface FakeSmtpOptions {
  extensions: string[];
  /** The answer to AUTH XOAUTH2 <initial response>, decoded. */
  token?: (decoded: string) => 'ok' | 'refused';
  /** Say this instead of a whole greeting, then hang up. */
  greeting?: string;
  /** What to do once the final "." arrived. */
  afterData?: 'accept' | 'reject' | 'vanish' | 'half-accept';
}

/** A scripted SMTP server for unit tests: enough of RFC 5321 for one submission, recording what it was told. */
export async function fakeSmtpServer(options: FakeSmtpOptions) {
  const seen: string[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let pendingXoauth = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    socket.on('error', () => undefined);
    if (options.greeting !== undefined) return void socket.end(options.greeting);
    reply('220 fake.example ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          seen.push(`[data ${end} bytes]`);
          buffer = buffer.slice(end + 5);
          inData = false;
          if (options.afterData === 'vanish') return void socket.destroy();
          if (options.afterData === 'half-accept') return void socket.end('250 2.0');
          reply(options.afterData === 'reject' ? '554 5.7.1 Rejected as spam' : '250 2.0.0 Ok: queued as FAKE1');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        seen.push(line);
        const verb = line.split(' ')[0]!.toUpperCase();
        if (pendingXoauth) {
          pendingXoauth = false;
          reply('535 5.7.8 Username and Password not accepted');
        } else if (verb === 'EHLO') reply(['250-fake.example', ...options.extensions.map((e) => `250-${e}`), '250 8BITMIME'].join('\r\n'));
        else if (verb === 'AUTH') {
          const decoded = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString();
          seen.push(`decoded ${decoded}`);
          if (options.token?.(decoded) === 'ok') reply('235 2.7.0 Accepted');
          else {
            pendingXoauth = true;
            reply(`334 ${Buffer.from('{"status":"401"}').toString('base64')}`);
          }
        } else if (verb === 'MAIL' || verb === 'RCPT') reply('250 2.1.0 Ok');
        else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye');
          socket.end();
        } else reply('502 5.5.2 Error: command not recognized');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
