import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MimePart, ParsedMessage } from '../../../app/contract/message';
import { messagePart, parseMessage } from '../../../main/mime/parse-message';

const RUNS = Number(process.env.MIME_FUZZ_RUNS ?? 400);
const SEED = Number(process.env.MIME_FUZZ_SEED ?? 5);
const corpus = path.resolve(__dirname, '../../fixtures/mime');
const sources = readdirSync(corpus)
  .filter((name) => name.endsWith('.eml'))
  .sort()
  .map((name) => readFileSync(path.join(corpus, name)));

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A corpus message damaged the ways mail gets damaged: cut, bytes flipped, lines lost or repeated, junk spliced in. */
function mutate(source: Buffer, r: () => number): Buffer {
  let bytes = Buffer.from(source);
  const at = () => Math.floor(r() * bytes.length);
  for (let round = 1 + Math.floor(r() * 4); round > 0; round--) {
    const kind = Math.floor(r() * 6);
    if (kind === 0) bytes = bytes.subarray(0, at());
    else if (kind === 1) for (let i = 0; i < 8; i++) bytes[at()] = Math.floor(r() * 256);
    else if (kind === 2) {
      const start = at();
      bytes = Buffer.concat([bytes.subarray(0, start), bytes.subarray(start + Math.floor(r() * 200))]);
    } else if (kind === 3) {
      const start = at();
      const piece = bytes.subarray(start, start + Math.floor(r() * 400));
      bytes = Buffer.concat([bytes.subarray(0, start), piece, piece, bytes.subarray(start)]);
    } else if (kind === 4) {
      const junk = ['\r\n--', '\0\0\0', '=?utf-8?B?', '\r\n\r\n', 'Content-Type: multipart/mixed; boundary=x\r\n', '\r\n--x\r\n', '=\r\n', '\xff\xfe'][Math.floor(r() * 8)]!;
      const start = at();
      bytes = Buffer.concat([bytes.subarray(0, start), Buffer.from(junk, 'latin1'), bytes.subarray(start)]);
    } else bytes = Buffer.from(bytes.toString('latin1').replace(/\r\n/g, r() < 0.5 ? '\n' : '\r'), 'latin1');
  }
  return bytes;
}

function ids(part: MimePart): string[] {
  return [part.id, ...part.children.flatMap(ids)];
}

function checkWellFormed(message: ParsedMessage): void {
  expect(typeof message.text).toBe('string');
  const partIds = ids(message.structure);
  expect(new Set(partIds).size).toBe(partIds.length);
  for (const attachment of message.attachments) {
    expect(partIds).toContain(attachment.partId);
    expect(attachment.content.length).toBe(attachment.size);
    expect(createHash('sha256').update(attachment.content).digest('hex')).toBe(attachment.sha256);
    expect(attachment.filename.length).toBeGreaterThan(0);
  }
  for (const { message: inner } of message.embedded) checkWellFormed(inner);
}

describe(`MIME fuzz: ${RUNS} damaged corpus messages (seed ${SEED})`, () => {
  it('never throws, and always gives a well-formed view whose parts can be fetched again', { timeout: 120_000 }, async () => {
    const r = random(SEED);
    for (let run = 0; run < RUNS; run++) {
      const raw = mutate(sources[run % sources.length]!, r);
      const parsed = await parseMessage(raw);
      checkWellFormed(parsed);
      for (const attachment of parsed.attachments) {
        const part = await messagePart(raw, attachment.partId);
        expect(part && Buffer.from(part.content).equals(Buffer.from(attachment.content)), `run ${run} part ${attachment.partId}`).toBe(true);
      }
    }
  });
});
