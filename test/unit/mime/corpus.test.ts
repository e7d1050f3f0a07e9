import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectReport, structureOutline } from '../../../main/cli/inspect-report';
import { parseMessage } from '../../../main/mime/parse-message';

const corpus = path.resolve(__dirname, '../../fixtures/mime');
const emlFiles = readdirSync(corpus)
  .filter((name) => name.endsWith('.eml'))
  .sort();

interface Expected {
  covers: string;
  headers: Record<string, unknown>;
  text: string;
  htmlLength: number | null;
  attachments: unknown[];
  embedded: unknown[];
  security: unknown[];
  structure: string[];
  notices: string[];
}

function expectedFor(file: string): Expected {
  return JSON.parse(readFileSync(path.join(corpus, file.replace(/\.eml$/, '.expected.json')), 'utf8')) as Expected;
}

describe('MIME corpus: every fixture parses to its expected view', () => {
  it('has an expectation beside every fixture, and says what each one covers', () => {
    expect(emlFiles.length).toBeGreaterThanOrEqual(30);
    for (const file of emlFiles) expect(expectedFor(file).covers, file).toMatch(/\w{3,}/);
  });

  it.each(emlFiles)('%s', async (file) => {
    const expected = expectedFor(file);
    const parsed = await parseMessage(readFileSync(path.join(corpus, file)));
    const report = inspectReport(parsed);
    expect(report.headers).toMatchObject(expected.headers);
    expect(report.text).toBe(expected.text);
    expect(report.htmlLength).toBe(expected.htmlLength);
    // Exactly these files with these names, types, sizes, checksums and inline placement.
    expect(report.attachments).toEqual(expected.attachments);
    expect(report.embedded).toMatchObject(expected.embedded);
    expect(report.security).toEqual(expected.security);
    expect(structureOutline(report.structure)).toEqual(expected.structure);
    expect(report.notices).toEqual(expected.notices);
  });

  it('hands out attachment bytes that match their size and checksum', async () => {
    const { createHash } = await import('node:crypto');
    for (const file of emlFiles) {
      const parsed = await parseMessage(readFileSync(path.join(corpus, file)));
      const all = [parsed, ...parsed.embedded.map((e) => e.message)].flatMap((message) => message.attachments);
      for (const attachment of all) {
        expect(attachment.content.length, `${file} ${attachment.partId}`).toBe(attachment.size);
        expect(createHash('sha256').update(attachment.content).digest('hex')).toBe(attachment.sha256);
      }
    }
  });

  it('reads the same message with bare LF line endings as with CRLF', async () => {
    for (const file of emlFiles.filter((name) => !/binary|transfer-encodings|nul-bytes|broken|sniffing/.test(name))) {
      const crlf = readFileSync(path.join(corpus, file));
      const lf = Buffer.from(crlf.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
      const [a, b] = await Promise.all([parseMessage(crlf), parseMessage(lf)]);
      expect(b.text, file).toBe(a.text);
      expect(b.headers, file).toEqual(a.headers);
      expect(b.attachments.map((x) => [x.partId, x.filename, x.contentType, x.inline]), file).toEqual(a.attachments.map((x) => [x.partId, x.filename, x.contentType, x.inline]));
      expect(b.notices.length, file).toBe(a.notices.length);
    }
  });
});
