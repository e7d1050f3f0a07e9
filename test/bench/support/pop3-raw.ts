import net from 'node:net';

/**
 * The POP3 lower bound: one plain session, USER/PASS, then every RETR pipelined at once; it only
 * counts message terminators ("\r\n.\r\n" cannot occur inside dot-stuffed data) and stores nothing.
 */
export function rawPop3Download(port: number, username: string, password: string, count: number): Promise<{ seconds: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setNoDelay(true);
    let stage = 0;
    let bytes = 0;
    let seen = 0;
    let tail = Buffer.alloc(0);
    const terminator = Buffer.from('\r\n.\r\n');
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (stage < 3) {
        // Greeting, USER, PASS: one line each.
        const text = chunk.toString('latin1');
        stage += text.split('\r\n').length - 1;
        if (stage === 1) socket.write(`USER ${username}\r\n`);
        if (stage === 2) socket.write(`PASS ${password}\r\n`);
        if (stage === 3) socket.write(Array.from({ length: count }, (_, i) => `RETR ${i + 1}\r\n`).join(''));
        return;
      }
      const data = tail.length ? Buffer.concat([tail, chunk]) : chunk;
      for (let at = data.indexOf(terminator); at >= 0; at = data.indexOf(terminator, at + 3)) seen++;
      tail = Buffer.from(data.subarray(Math.max(0, data.length - 4)));
      if (seen >= count) {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        socket.end('QUIT\r\n');
        resolve({ seconds, bytes });
      }
    });
  });
}
