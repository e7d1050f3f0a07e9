import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MimePart } from '../../../app/contract/message';
import { MIME_LIMITS, parseMessage } from '../../../main/mime/parse-message';
import { boundaryStorm, deepMessages, deepMultiparts, endlessHeader, giantBase64Line, giantLine, hostileHtml, hugeHeader, manyAddresses, manyParts, quadraticTraps } from '../../fixtures/mime/hostile';

// "Does not hang": a generous bound for inputs of up to 20 MB on a loaded 2-core machine, not a speed assertion.
const BOUNDED = { timeout: 60_000 };

function depthOf(part: MimePart): number {
  return 1 + Math.max(0, ...part.children.map(depthOf));
}

function countParts(part: MimePart): number {
  return 1 + part.children.reduce((sum, child) => sum + countParts(child), 0);
}

describe('hostile messages finish within the limits, with a notice for each limit applied', () => {
  it('a 10 MB header block: the first 1 MB is read, the body still shows', BOUNDED, async () => {
    const parsed = await parseMessage(hugeHeader(10));
    expect(parsed.headers.subject).toBe('Huge header');
    expect(parsed.text).toBe('Still readable.\n');
    expect(parsed.notices).toEqual([expect.stringMatching(/^The header of the message is 10(\.\d)? MB long; Postbote read only its first 1 MB\.$/)]);
  });

  it('a 10 MB header block that never ends: no body, no crash', BOUNDED, async () => {
    const parsed = await parseMessage(endlessHeader(10));
    expect(parsed.headers.subject).toBe('Endless header');
    expect(parsed.text).toBe('');
    expect(parsed.notices.join(' ')).toMatch(/read only its first 1 MB/);
  });

  it('thousands of parts: the first 1000 are read', BOUNDED, async () => {
    const parsed = await parseMessage(manyParts(5000));
    expect(countParts(parsed.structure)).toBe(MIME_LIMITS.maxParts);
    expect(parsed.attachments.length).toBe(MIME_LIMITS.maxParts - 1);
    expect(parsed.attachments.at(-1)).toMatchObject({ partId: '999', filename: 'p998.txt' });
    expect(parsed.notices).toContain('This message has more than 1000 parts; Postbote shows the first 1000.');
  });

  it.each([true, false])('a depth bomb of 5000 multiparts (closed: %s) stops at the depth limit', BOUNDED, async (closed) => {
    const parsed = await parseMessage(deepMultiparts(5000, closed));
    expect(depthOf(parsed.structure)).toBe(MIME_LIMITS.maxDepth + 1);
    expect(parsed.notices).toContain('Parts nested more than 24 levels deep are not shown; they are still in the message source.');
  });

  it('2000 messages attached inside each other stop at the depth limit', BOUNDED, async () => {
    const parsed = await parseMessage(deepMessages(2000));
    let deepest = parsed;
    let levels = 0;
    while (deepest.embedded.length) {
      levels++;
      deepest = deepest.embedded[0]!.message;
    }
    expect(levels).toBe(MIME_LIMITS.maxDepth);
    // The message below the limit is not read, but can still be saved as a file.
    expect(deepest.attachments).toEqual([expect.objectContaining({ filename: 'Deep messages.eml', contentType: 'message/rfc822' })]);
    expect(parsed.notices.join(' ')).toMatch(/nested more than 24 levels/);
  });

  it('a 20 MB body in one line is cut to the body limit with a notice', BOUNDED, async () => {
    const parsed = await parseMessage(giantLine(20));
    expect(parsed.text.length).toBe(MIME_LIMITS.maxBodyChars);
    expect(parsed.text.startsWith('lorem ipsum lorem')).toBe(true);
    expect(parsed.notices).toEqual(['The text is longer than 4 million characters; Postbote shows its beginning. The whole text is in the message source.']);
  });

  it('a 10 MB base64 attachment in one line decodes byte for byte', BOUNDED, async () => {
    const { raw, content } = giantBase64Line(10);
    const parsed = await parseMessage(raw);
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]!.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(parsed.notices).toEqual([]);
  });

  it('a body full of near-boundaries is one part', BOUNDED, async () => {
    const parsed = await parseMessage(boundaryStorm(8));
    expect(parsed.structure.children).toHaveLength(1);
    expect(parsed.text.startsWith('text --b more --b --b\n--bx\n--b junk\n--b--x\n')).toBe(true);
  });

  it('HTML built to make converters backtrack still gives a text view', BOUNDED, async () => {
    const parsed = await parseMessage(hostileHtml(1024));
    expect(parsed.html?.length).toBeGreaterThan(1024 * 1024);
    expect(parsed.text.startsWith('&#x;&amptext &#x;&amptext')).toBe(true);
  });

  it('an address header with 10,000 addresses is read whole', BOUNDED, async () => {
    const parsed = await parseMessage(manyAddresses(10_000));
    expect(parsed.headers.to).toHaveLength(10_000);
    expect(parsed.headers.to[9_999]).toEqual({ name: 'Näme 9999', address: 'user9999@example.org' });
    expect(parsed.notices).toEqual([]);
  });

  it.each(quadraticTraps(2))('2 MB of %s finish (no quadratic pattern matching)', BOUNDED, async (_name, raw) => {
    const parsed = await parseMessage(raw);
    expect(typeof parsed.text).toBe('string');
  });

  it('the decoded-size limit skips what does not fit and says so', async () => {
    const raw = readFileSync(path.resolve(__dirname, '../../fixtures/mime/sniffing.eml'));
    const parsed = await parseMessage(raw, { ...MIME_LIMITS, maxDecodedBytes: 1000 });
    const total = parsed.attachments.reduce((sum, a) => sum + a.size, 0);
    expect(total).toBeLessThanOrEqual(1000);
    expect(parsed.attachments.length).toBeLessThan(10);
    expect(parsed.notices).toContain('The parts of this message add up to more than 1 KB; Postbote did not decode the rest. They are still in the message source.');
  });

  it('an empty input is an empty message, not an error', async () => {
    const parsed = await parseMessage(new Uint8Array(0));
    expect(parsed).toMatchObject({ text: '', attachments: [], notices: [], structure: { id: '1', contentType: 'text/plain', size: 0 } });
  });
});
