import { describe, expect, it } from 'vitest';
import { checkAttachmentType } from '../../../main/mime/attachment-check';
import { sniffType } from '../../../main/mime/sniff-type';
import { payloads } from '../../fixtures/mime/build-corpus';
import { zip } from '../../fixtures/mime/payloads';

const text = (value: string) => Buffer.from(value, 'utf8');

describe('file types from the bytes', () => {
  it.each([
    ['PDF', payloads.report, 'application/pdf', false],
    ['PNG', payloads.logo, 'image/png', false],
    ['JPEG', payloads.photo, 'image/jpeg', false],
    ['GIF', payloads.pixel, 'image/gif', false],
    ['WebP', Buffer.concat([text('RIFF'), Buffer.alloc(4), text('WEBPVP8 ')]), 'image/webp', false],
    ['Word (Office Open XML)', payloads.letter, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', false],
    ['Excel (Office Open XML)', zip([['[Content_Types].xml', '<Types/>'], ['xl/workbook.xml', '<workbook/>']]), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', false],
    ['OpenDocument', zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<x/>']]), 'application/vnd.oasis.opendocument.text', false],
    ['Java archive', zip([['META-INF/MANIFEST.MF', 'Main-Class: X']]), 'application/java-archive', true],
    ['ZIP', payloads.archive, 'application/zip', false],
    ['gzip', payloads.logs, 'application/gzip', false],
    ['old Office (OLE)', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'application/x-ole-storage', false],
    ['Windows PE', payloads.windows, 'application/vnd.microsoft.portable-executable', true],
    ['MS-DOS MZ without PE', Buffer.concat([text('MZ'), Buffer.alloc(100)]), 'application/x-msdos-program', true],
    ['Linux ELF', payloads.linux, 'application/x-executable', true],
    ['macOS Mach-O', payloads.mac, 'application/x-mach-binary', true],
    ['universal Mach-O', Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]), 'application/x-mach-binary', true],
    ['Java class', Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52]), 'application/java-vm', true],
    ['shell script', text('#!/bin/sh\nrm -rf ~\n'), 'text/x-shellscript', true],
    ['HTML', text('\ufeff  <!DOCTYPE html><html><body>hi</body></html>'), 'text/html', false],
    ['HTML fragment', text('<div class="x">hi</div>'), 'text/html', false],
    ['SVG', text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml', false],
    ['XML', text('<?xml version="1.0"?><root/>'), 'application/xml', false],
    ['calendar', text('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'), 'text/calendar', false],
    ['plain UTF-8 text', text('Grüße, nothing special <here>.\n'), 'text/plain', false],
    ['plain Latin-1 text', Buffer.from('Gr\xfc\xdfe\n', 'latin1'), 'text/plain', false],
  ])('%s', (_name, bytes, type, executable) => {
    const sniffed = sniffType(bytes);
    expect(sniffed?.type).toBe(type);
    expect(Boolean(sniffed?.executable)).toBe(executable);
  });

  it('says nothing about empty files and unknown binary data', () => {
    expect(sniffType(new Uint8Array(0))).toBeUndefined();
    expect(sniffType(payloads.binary)).toBeUndefined();
  });
});

describe('declared type, file name and bytes compared', () => {
  it.each([
    ['invoice.pdf', 'application/pdf', payloads.windows, { sniffedType: 'application/vnd.microsoft.portable-executable', executable: true, notice: '“invoice.pdf” claims to be a PDF document but is a Windows program. Do not open it unless you expected a program from this sender.' }],
    ['scan.jpg', 'application/octet-stream', payloads.linux, { sniffedType: 'application/x-executable', executable: true, notice: '“scan.jpg” claims to be a JPEG image but is a Linux program. Do not open it unless you expected a program from this sender.' }],
    ['setup.exe', 'application/x-msdownload', payloads.windows, { executable: true, notice: '“setup.exe” is a program (a Windows program). Open it only if you trust the sender.' }],
    ['run.bat', 'text/plain', text('@echo off\r\n'), { executable: true, notice: '“run.bat” is a program. Open it only if you trust the sender.' }],
    ['photo.png', 'image/png', payloads.photo, { sniffedType: 'image/jpeg', executable: false, notice: '“photo.png” is labelled as a PNG image, but its content is a JPEG image.' }],
    ['photo.jpg', 'image/jpg', payloads.photo, { executable: false }],
    ['report', 'application/octet-stream', payloads.report, { sniffedType: 'application/pdf', executable: false }],
    ['data.bin', 'application/octet-stream', payloads.report, { sniffedType: 'application/pdf', executable: false }],
    ['letter.docx', 'application/zip', payloads.letter, { executable: false }],
    ['archive.zip', 'application/x-zip-compressed', payloads.archive, { executable: false }],
    ['table.csv', 'text/csv', text('a,b\n1,2\n'), { executable: false }],
    ['page.txt', 'text/plain', text('<html><body>x</body></html>'), { executable: false }],
    ['old.doc', 'application/msword', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), { executable: false }],
    ['picture.png', 'image/png', text('just text, not a picture'), { sniffedType: 'text/plain', executable: false, notice: '“picture.png” is labelled as a PNG image, but its content is plain text.' }],
  ])('%s declared %s', (filename, declared, bytes, verdict) => {
    expect(checkAttachmentType(filename, declared, bytes)).toEqual(verdict);
  });
});
