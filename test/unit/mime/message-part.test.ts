import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedMessage } from '../../../app/contract/message';
import { messagePart, parseMessage } from '../../../main/mime/parse-message';
import { messageHandlers } from '../../../main/service/handlers/message';
import { Service, type Handlers } from '../../../main/service/service';

const corpus = path.resolve(__dirname, '../../fixtures/mime');
const fixture = (name: string) => readFileSync(path.join(corpus, name));

function allAttachments(message: ParsedMessage): ParsedMessage['attachments'] {
  return [...message.attachments, ...message.embedded.flatMap((e) => allAttachments(e.message))];
}

describe('message.part: one part again by its part number', () => {
  it('gives every attachment of every corpus message (embedded ones too) with the same bytes, type and name', async () => {
    let checked = 0;
    for (const name of readdirSync(corpus).filter((n) => n.endsWith('.eml'))) {
      const raw = fixture(name);
      for (const attachment of allAttachments(await parseMessage(raw))) {
        const part = await messagePart(raw, attachment.partId);
        expect(part, `${name} ${attachment.partId}`).toEqual({ content: attachment.content, contentType: attachment.contentType, filename: attachment.filename });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('gives an attached message as its .eml bytes, which parse to the embedded message', async () => {
    const raw = fixture('nested-rfc822.eml');
    const part = await messagePart(raw, '2');
    expect(part).toMatchObject({ contentType: 'message/rfc822', filename: 'Report_ Q4 _ final_.eml' });
    const reparsed = await parseMessage(part!.content);
    expect(reparsed.headers.subject).toBe('Report: Q4 / final?');
    expect(reparsed.attachments.map((a) => a.filename)).toEqual(['report.pdf', 'Innermost note.eml']);
  });

  it('gives body parts decoded and inline images by their number', async () => {
    expect(Buffer.from((await messagePart(fixture('windows-1252-qp.eml'), '1'))!.content).toString('latin1')).toMatch(/^The total is 1\.250 \x80 \x96/);
    expect(await messagePart(fixture('newsletter-related.eml'), '2.2')).toMatchObject({ contentType: 'image/png', filename: 'logo.png' });
  });

  it("gives the whole message for '' and nothing for multiparts or numbers that name no part", async () => {
    const raw = fixture('newsletter-related.eml');
    expect(Buffer.from((await messagePart(raw, ''))!.content).equals(raw)).toBe(true);
    expect(await messagePart(raw, '2')).toBeUndefined();
    expect(await messagePart(raw, '9')).toBeUndefined();
    expect(await messagePart(raw, '2.9.1')).toBeUndefined();
  });

  it('hands out bytes that own their memory, never a view into a shared pool', async () => {
    const part = await messagePart(fixture('mixed-jpeg-attachment.eml'), '2');
    expect(part!.content.byteOffset).toBe(0);
    expect(part!.content.buffer.byteLength).toBe(part!.content.length);
  });
});

describe('message.parse and message.part through the service', () => {
  const service = new Service(messageHandlers() as unknown as Handlers);

  it('parses bytes and answers with the parsed message', async () => {
    const result = await service.handle('message.parse', { raw: new Uint8Array(fixture('plain-latin1-8bit.eml')) });
    expect(result).toMatchObject({ ok: true, value: { headers: { subject: 'Willkommen bei Postbote' } } });
  });

  it('refuses what is not bytes, and part numbers that are not part numbers', async () => {
    expect(await service.handle('message.parse', { raw: 'From: x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const raw = new Uint8Array(fixture('sniffing.eml'));
    expect(await service.handle('message.part', { raw, partId: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await service.handle('message.part', { raw, partId: '2.TEXT' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('says plainly when a part is not there', async () => {
    const result = await service.handle('message.part', { raw: new Uint8Array(fixture('sniffing.eml')), partId: '42' });
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'This message has no part 42 that can be opened as a file.' } });
  });

  it('gives a part with its bytes, type and name', async () => {
    const result = await service.handle('message.part', { raw: new Uint8Array(fixture('sniffing.eml')), partId: '2' });
    expect(result).toMatchObject({ ok: true, value: { contentType: 'application/pdf', filename: 'invoice.pdf', content: expect.any(Uint8Array) } });
  });
});
