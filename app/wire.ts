import type { ErrorInfo } from './errors';

/** How a request's answer travels: a value or a typed error, never a thrown exception. */
export type WireResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** The surface both transports (Electron preload, loopback bridge) offer the renderer. */
export interface Transport {
  invoke(name: string, input: unknown): Promise<WireResult>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

/** Messages on the bridge's WebSocket. */
export type BridgeClientMessage = { kind: 'request'; id: number; name: string; input: unknown };
export type BridgeServerMessage =
  | { kind: 'response'; id: number; result: WireResult }
  | { kind: 'event'; name: string; payload: unknown };

const BYTES_TAG = '$bytes';

function holdsBytes(value: unknown): boolean {
  if (value instanceof Uint8Array) return true;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsBytes);
  for (const key in value) if (holdsBytes((value as Record<string, unknown>)[key])) return true;
  return false;
}

/**
 * A bridge message. Without bytes (header batches, flags, most of the traffic) it is plain JSON
 * text. With bytes (raw messages, attachments) it is one binary frame, so no byte is ever turned
 * into base64 and back:
 *
 *   [u32 JSON length][JSON, each byte array replaced by {"$bytes": n}][u32 count][u32 length x count][bytes...]
 */
export function encodeWire(value: unknown): string | Uint8Array<ArrayBuffer> {
  if (!holdsBytes(value)) return JSON.stringify(value);
  const blobs: Uint8Array[] = [];
  const json = new TextEncoder().encode(
    JSON.stringify(value, function (this: Record<string, unknown>, key, replaced: unknown) {
      const original = this[key];
      if (!(original instanceof Uint8Array)) return replaced;
      blobs.push(original);
      return { [BYTES_TAG]: blobs.length - 1 };
    }),
  );
  const headerBytes = 4 + json.length + 4 + 4 * blobs.length;
  const frame = new Uint8Array(headerBytes + blobs.reduce((sum, blob) => sum + blob.length, 0));
  const view = new DataView(frame.buffer);
  view.setUint32(0, json.length);
  frame.set(json, 4);
  view.setUint32(4 + json.length, blobs.length);
  let offset = headerBytes;
  blobs.forEach((blob, i) => {
    view.setUint32(4 + json.length + 4 + 4 * i, blob.length);
    frame.set(blob, offset);
    offset += blob.length;
  });
  return frame;
}

/**
 * Reverses `encodeWire`. Each byte array gets a buffer of its own: a view into the frame would take
 * the whole frame along wherever it is stored (IndexedDB clones a view's entire buffer).
 */
export function decodeWire(data: string | Uint8Array): unknown {
  if (typeof data === 'string') return JSON.parse(data);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const jsonLength = view.getUint32(0);
  const json = new TextDecoder().decode(data.subarray(4, 4 + jsonLength));
  const count = view.getUint32(4 + jsonLength);
  const blobs: Uint8Array[] = [];
  let offset = 4 + jsonLength + 4 + 4 * count;
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(4 + jsonLength + 4 + 4 * i);
    if (offset + length > data.length) throw new Error('A bridge frame ended before its bytes did.');
    blobs.push(data.slice(offset, offset + length));
    offset += length;
  }
  return JSON.parse(json, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const index = (value as Record<string, unknown>)[BYTES_TAG];
      if (typeof index === 'number' && Object.keys(value).length === 1 && blobs[index]) return blobs[index];
    }
    return value;
  });
}
