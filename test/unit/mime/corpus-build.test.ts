import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusFiles, payloads } from '../../fixtures/mime/build-corpus';
import { sniffType } from '../../../main/mime/sniff-type';

const corpus = path.resolve(__dirname, '../../fixtures/mime');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Which payload each generated attachment carries: the expectations are held to the source bytes, not to the parser. */
const carried: Array<[file: string, partId: string, payload: keyof typeof payloads]> = [
  ['mixed-jpeg-attachment.eml', '2', 'photo'],
  ['newsletter-related.eml', '2.2', 'logo'],
  ['newsletter-related.eml', '2.3', 'banner'],
  ['newsletter-related.eml', '2.4', 'unused'],
  ['transfer-encodings.eml', '3', 'binary'],
  ['transfer-encodings.eml', '4', 'report'],
  ['rfc2231-filenames.eml', '2', 'report'],
  ['rfc2231-filenames.eml', '5', 'logo'],
  ['rfc2231-filenames.eml', '6', 'archive'],
  ['nested-rfc822.eml', '3', 'photo'],
  ['signed-smime.eml', '1.2', 'report'],
  ['signed-smime.eml', '2', 'signature'],
  ['smime-encrypted.eml', '1', 'envelope'],
  ['sniffing.eml', '2', 'windows'],
  ['sniffing.eml', '3', 'photo'],
  ['sniffing.eml', '4', 'report'],
  ['sniffing.eml', '5', 'letter'],
  ['sniffing.eml', '6', 'archive'],
  ['sniffing.eml', '7', 'linux'],
  ['sniffing.eml', '8', 'mac'],
  ['sniffing.eml', '9', 'windows'],
  ['sniffing.eml', '10', 'logs'],
  ['sniffing.eml', '11', 'pixel'],
  ['single-part-pdf.eml', '1', 'report'],
  ['broken-base64.eml', '3', 'report'],
  ['binary-base64-line.eml', '1', 'report'],
];

describe('MIME corpus generator', () => {
  it('wrote exactly the committed bytes (run build-corpus.ts after changing a case)', () => {
    for (const [name, content] of corpusFiles()) expect(sha256(readFileSync(path.join(corpus, name))), name).toBe(sha256(content));
  });

  it.each(carried)('%s part %s carries the %s payload byte for byte', (file, partId, payload) => {
    const expected = JSON.parse(readFileSync(path.join(corpus, file.replace(/\.eml$/, '.expected.json')), 'utf8')) as { attachments: Array<{ partId: string; sha256: string; size: number }> };
    const attachment = expected.attachments.find((a) => a.partId === partId);
    expect(attachment).toMatchObject({ sha256: sha256(payloads[payload]), size: payloads[payload].length });
  });

  it('builds real files of the types they stand for', () => {
    expect(sniffType(payloads.photo)?.type).toBe('image/jpeg');
    expect(sniffType(payloads.logo)?.type).toBe('image/png');
    expect(sniffType(payloads.pixel)?.type).toBe('image/gif');
    expect(sniffType(payloads.report)?.type).toBe('application/pdf');
    expect(payloads.report.toString('latin1')).toMatch(/startxref\n\d+\n%%EOF\n$/);
    expect(sniffType(payloads.letter)?.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffType(payloads.logs)?.type).toBe('application/gzip');
  });
});
