import { PostboteError } from '../../app/errors';

export interface ImageBudgetLimits {
  /** Images one message may load. */
  images: number;
  /** Bytes of images one message may load. */
  bytes: number;
  /** Messages remembered (the oldest is forgotten first). */
  messages: number;
  /** A budget without a message key (an older window) lasts this long. */
  unkeyedWindowMs: number;
}

export const IMAGE_BUDGET: ImageBudgetLimits = { images: 100, bytes: 25 * 1024 * 1024, messages: 500, unkeyedWindowMs: 10 * 60_000 };

/**
 * How much one message may make main download: a hostile mail with ten thousand <img> tags or a
 * few hundred 10 MB images must not turn "show images" into a download of gigabytes.
 */
export class ImageBudget {
  private readonly spent = new Map<string, { images: number; bytes: number; since: number }>();

  constructor(
    private readonly limits: ImageBudgetLimits = IMAGE_BUDGET,
    private readonly now: () => number = Date.now,
  ) {}

  private entry(key: string | undefined) {
    const name = key ?? '(no message)';
    let entry = this.spent.get(name);
    if (entry && key === undefined && this.now() - entry.since > this.limits.unkeyedWindowMs) entry = undefined;
    if (!entry) {
      entry = { images: 0, bytes: 0, since: this.now() };
      this.spent.set(name, entry);
      if (this.spent.size > this.limits.messages) this.spent.delete(this.spent.keys().next().value!);
    }
    return entry;
  }

  /** Before a fetch: refuses when the message has had its share; returns the bytes still allowed. */
  take(key: string | undefined): number {
    const entry = this.entry(key);
    if (entry.images >= this.limits.images || entry.bytes >= this.limits.bytes) {
      throw new PostboteError({ code: 'INVALID_INPUT', message: `This message asks for more remote images than Postbote loads for one message (${this.limits.images} images, ${Math.round(this.limits.bytes / 1024 / 1024)} MB).` });
    }
    entry.images++;
    return this.limits.bytes - entry.bytes;
  }

  /** After a fetch: what it really cost. */
  spend(key: string | undefined, bytes: number): void {
    this.entry(key).bytes += bytes;
  }
}
