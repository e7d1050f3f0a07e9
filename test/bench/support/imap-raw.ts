import net from 'node:net';

/**
 * The IMAP lower bound: one plain session that logs in, selects INBOX and runs one UID FETCH of
 * (UID FLAGS RFC822.SIZE ENVELOPE), reading the socket as fast as it comes and looking only for the
 * tagged answers. Nothing is parsed or stored. Seconds from connect to the FETCH's tagged OK.
 * `items` is the FETCH item list when another than the ENVELOPE pass is wanted.
 */
export function rawImapFetch(port: number, username: string, password: string, range: string, items = '(UID FLAGS RFC822.SIZE ENVELOPE)'): Promise<{ seconds: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setNoDelay(true);
    const script: { waitFor: RegExp; send: string }[] = [
      { waitFor: /(^|\r\n)\* OK/, send: `a LOGIN ${username} ${password}\r\n` },
      { waitFor: /(^|\r\n)a OK/, send: 'b SELECT INBOX\r\n' },
      { waitFor: /(^|\r\n)b OK/, send: `c UID FETCH ${range} ${items}\r\n` },
      { waitFor: /(^|\r\n)c OK/, send: 'd LOGOUT\r\n' },
    ];
    let bytes = 0;
    let window = '';
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      window = (window + chunk.toString('latin1')).slice(-4096);
      const next = script[0];
      if (!next || !next.waitFor.test(window)) return;
      script.shift();
      window = '';
      socket.write(next.send);
      if (script.length === 0) {
        resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, bytes });
        socket.end();
      }
    });
  });
}
