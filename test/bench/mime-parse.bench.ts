import { simpleParser } from 'mailparser';
import { parseMessageSync } from '../../main/mime/parse-message';
import { generateMessage } from '../fixtures/message-generator';
import { giantBase64Line } from '../fixtures/mime/hostile';
import { compare, median, record, type BenchContext } from './support/report';

const COUNT = Number(process.env.BENCH_MIME_COUNT ?? 10_000);
const RUNS = 3;

/** The same realistic mailbox the IMAP and POP3 benches load into Dovecot (seed 1234, to bob). */
function mailbox(): Buffer[] {
  return Array.from({ length: COUNT }, (_, i) => generateMessage(i, 1234, 'bob@example.test').raw);
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** main/mime over every message; each parse timed on its own too, for the "first open" latency. */
function postbotePass(messages: Buffer[]): { seconds: number; each: number[] } {
  const each: number[] = [];
  const start = process.hrtime.bigint();
  for (const raw of messages) {
    const one = process.hrtime.bigint();
    parseMessageSync(raw);
    each.push(Number(process.hrtime.bigint() - one) / 1e6);
  }
  return { seconds: seconds(start), each };
}

/** mailparser's simpleParser alone, asked for the same view: text derived from HTML, cid: links kept, no text-to-HTML. */
async function simpleParserPass(messages: Buffer[]): Promise<number> {
  const start = process.hrtime.bigint();
  for (const raw of messages) await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  return seconds(start);
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

export default async function mimeParse(_context: BenchContext): Promise<void> {
  const bench = 'mime-parse';
  const messages = mailbox();
  const megabytes = messages.reduce((sum, raw) => sum + raw.length, 0) / 1e6;
  // Warm both up once so the JIT has seen every path before anything is timed.
  postbotePass(messages.slice(0, 1000));
  await simpleParserPass(messages.slice(0, 1000));

  const ours: number[] = [];
  const theirs: number[] = [];
  let each: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const pass = postbotePass(messages);
    ours.push(pass.seconds);
    each = pass.each;
    theirs.push(await simpleParserPass(messages));
  }
  const note = `${COUNT} generated messages, ${megabytes.toFixed(1)} MB, median of ${RUNS}`;
  const baseline = record({ bench, name: 'mailparser simpleParser alone', value: Math.round(COUNT / median(theirs)), unit: 'msgs/s', note });
  record({ bench, name: 'mailparser simpleParser alone, throughput', value: Number((megabytes / median(theirs)).toFixed(1)), unit: 'MB/s' });
  const rate = Math.round(COUNT / median(ours));
  record({ bench, name: 'postbote main/mime parse', value: rate, unit: 'msgs/s', against: compare(rate, baseline), note });
  record({ bench, name: 'postbote main/mime parse, throughput', value: Number((megabytes / median(ours)).toFixed(1)), unit: 'MB/s' });
  record({ bench, name: 'postbote parse per message, median', value: Number(median(each).toFixed(3)), unit: 'ms', target: '~1 ms (DESIGN)' });
  record({ bench, name: 'postbote parse per message, p99', value: Number(percentile(each, 0.99).toFixed(3)), unit: 'ms' });

  const { raw } = giantBase64Line(10);
  const big: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = process.hrtime.bigint();
    parseMessageSync(raw);
    big.push(seconds(start) * 1000);
  }
  record({ bench, name: 'postbote parse of a message with a 10 MB attachment', value: Number(median(big).toFixed(1)), unit: 'ms', note: 'decode + SHA-256 + sniff, median of 5' });
}
