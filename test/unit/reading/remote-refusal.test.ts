import { describe, expect, it } from 'vitest';
import { PostboteError } from '../../../app/errors';
import { fetchRemoteImage } from '../../../main/remote-content/fetch-image';
import { ImageBudget } from '../../../main/remote-content/image-budget';
import reader from '../../../renderer/i18n/messages/reader';
import { countRefusal, noRefusals } from '../../../renderer/reading/html/remote-refusal';

const caught = async (work: () => unknown) => {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('why a remote image was refused, from main to the bar', () => {
  it('main names the reason: a private address, the per-message cap', async () => {
    const privateAddress = await caught(() => fetchRemoteImage('http://10.0.0.1/x.png'));
    expect(privateAddress).toMatchObject({ details: { refused: 'private-address' } });
    const budget = new ImageBudget({ images: 1, bytes: 5 * 1024 * 1024, messages: 10, unkeyedWindowMs: 1000 });
    budget.take('m');
    const cap = await caught(() => budget.take('m'));
    expect(cap).toMatchObject({ details: { refused: 'per-message-cap', images: 1, megabytes: 5 } });
  });

  it('the window counts them by reason, and keeps the limits main named', async () => {
    let counts = noRefusals();
    counts = countRefusal(counts, await caught(() => fetchRemoteImage('http://192.168.1.1/a.png')));
    counts = countRefusal(counts, await caught(() => fetchRemoteImage('http://[::1]/b.png')));
    counts = countRefusal(counts, new PostboteError({ code: 'INVALID_INPUT', message: 'x', details: { refused: 'per-message-cap', images: 100, megabytes: 25 } }));
    counts = countRefusal(counts, new PostboteError({ code: 'INVALID_INPUT', message: 'x', details: { refused: 'too-large' } }));
    counts = countRefusal(counts, new PostboteError({ code: 'TIMEOUT', message: 'slow' }));
    counts = countRefusal(counts, new Error('offline'));
    expect(counts).toEqual({ privateAddress: 2, perMessageCap: { images: 100, megabytes: 25 }, tooLarge: 1, other: 2 });
  });

  it('has the words in English and German', () => {
    for (const locale of [reader.en, reader.de]) {
      expect(locale.reader.remoteRefused.perMessageCap).toContain('{images}');
      expect(locale.reader.remoteRefused.perMessageCap).toContain('{megabytes}');
      expect(locale.reader.remoteRefused.privateAddress.split('|')).toHaveLength(3);
    }
  });
});
