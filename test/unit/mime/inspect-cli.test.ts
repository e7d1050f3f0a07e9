import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InspectReport } from '../../../main/cli/inspect-report';

const root = path.resolve(__dirname, '../../..');
const corpus = path.join(root, 'test/fixtures/mime');
const bin = path.join(root, 'bin/postbote.cjs');
// Spawning node with tsx takes a moment on a loaded machine; this bounds a hang, not the speed.
const SPAWN = { timeout: 60_000 };

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const postbote = (...args: string[]) => run(process.execPath, [bin, ...args]);

describe('postbote inspect (spawned as a user runs it)', () => {
  it('prints the parsed message as JSON: headers, text, HTML length, attachments without bytes, structure, notices', SPAWN, async () => {
    const { code, stdout, stderr } = await postbote('inspect', path.join(corpus, 'sniffing.eml'), '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as InspectReport;
    const expected = JSON.parse(readFileSync(path.join(corpus, 'sniffing.expected.json'), 'utf8')) as { attachments: unknown[] };
    expect(report.headers).toMatchObject({ subject: 'Sniffing', date: '2024-01-02T09:00:00.000Z' });
    expect(report.htmlLength).toBeNull();
    expect(report.attachments).toEqual(expected.attachments);
    expect(stdout).not.toContain('"content"');
    expect(report.structure).toMatchObject({ id: '', contentType: 'multipart/mixed', children: { length: 11 } });
    expect(report.notices).toHaveLength(5);
  });

  it('includes embedded messages with their own attachments', SPAWN, async () => {
    const { code, stdout } = await postbote('inspect', '--json', path.join(corpus, 'nested-rfc822.eml'));
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as InspectReport;
    expect(report.embedded[0]).toMatchObject({ partId: '2', message: { headers: { subject: 'Report: Q4 / final?' }, attachments: [{ filename: 'report.pdf' }, { filename: 'Innermost note.eml' }] } });
  });

  it('prints a readable summary without --json', SPAWN, async () => {
    const { code, stdout } = await postbote('inspect', path.join(corpus, 'newsletter-related.eml'));
    expect(code).toBe(0);
    expect(stdout).toContain('Subject:  Postbote News');
    expect(stdout).toMatch(/Text \(\d+ characters\), HTML \(166 characters\):/);
    expect(stdout).toMatch(/2\.2 {2}logo\.png {2}image\/png {2}317 B {2}\[inline\] {2}sha256 [0-9a-f]{64}/);
    expect(stdout).toContain('    2.1 text/html charset=utf-8 8bit 166 bytes');
  });

  it.each([
    ['a missing file', 1, ['inspect', 'no-such-file.eml'], /^postbote: cannot read no-such-file\.eml: there is no such file\n$/],
    ['a folder', 1, ['inspect', corpus], /: it is a folder, not a file\n$/],
    ['no file', 2, ['inspect'], /^Usage: postbote inspect FILE\.eml \[--json\]/],
    ['an unknown command', 2, ['explode', 'x.eml'], /^postbote: unknown command “explode”/],
  ])('answers %s with a clear message and exit code %i', SPAWN, async (_what, exitCode, args, message) => {
    const { code, stdout, stderr } = await postbote(...args);
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('runs as `npx postbote` through the package.json bin entry', SPAWN, async () => {
    const { code, stdout } = await run('npx', ['--no-install', 'postbote', 'inspect', path.join(corpus, 'single-part-pdf.eml'), '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ attachments: [{ partId: '1', filename: 'scan.pdf' }], structure: { id: '1', contentType: 'application/pdf' } });
  });
});
