import { Readable } from 'node:stream';

const CHUNK_BYTES = 64 * 1024;

export interface MessageStreamOptions {
  /** Asked when the server has said "go ahead" (354), before the first byte: an error stops the message unsent. */
  beforeFirstByte?: () => Error | undefined;
  onProgress?: (sent: number, total: number) => void;
}

/**
 * The message for nodemailer's DATA, in chunks, so that a large one reports progress and a message
 * whose envelope went wrong (a refused recipient) can still be stopped before any of it is sent.
 */
export function messageStream(raw: Uint8Array, options: MessageStreamOptions = {}): Readable {
  let offset = 0;
  return new Readable({
    highWaterMark: CHUNK_BYTES,
    read() {
      if (offset === 0) {
        const stop = options.beforeFirstByte?.();
        if (stop) {
          this.destroy(stop);
          return;
        }
      }
      if (offset >= raw.length) {
        this.push(null);
        return;
      }
      const end = Math.min(raw.length, offset + CHUNK_BYTES);
      this.push(Buffer.from(raw.buffer, raw.byteOffset + offset, end - offset));
      offset = end;
      options.onProgress?.(offset, raw.length);
    },
  });
}
