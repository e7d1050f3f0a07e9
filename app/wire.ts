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

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_LOOKUP = new Uint8Array(128);
for (let i = 0; i < BASE64.length; i++) BASE64_LOOKUP[BASE64.charCodeAt(i)] = i;

/** Base64 that runs in both Node and the browser (no Buffer, no btoa limits on large input). */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + BASE64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + '=';
  }
  return out;
}

export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const a = BASE64_LOOKUP[clean.charCodeAt(i)]!;
    const b = BASE64_LOOKUP[clean.charCodeAt(i + 1)]!;
    const c = BASE64_LOOKUP[clean.charCodeAt(i + 2)] ?? 0;
    const d = BASE64_LOOKUP[clean.charCodeAt(i + 3)] ?? 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

const BYTES_TAG = '$bytes';

function holdsBytes(value: unknown): boolean {
  if (value instanceof Uint8Array) return true;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsBytes);
  for (const key in value) if (holdsBytes((value as Record<string, unknown>)[key])) return true;
  return false;
}

/**
 * JSON for the bridge that keeps binary (raw messages, attachments) as bytes on both ends. Most
 * messages carry no bytes (header batches, flags); they skip the replacer, whose call per value
 * costs more than the encoding itself.
 */
export function encodeWire(value: unknown): string {
  if (!holdsBytes(value)) return JSON.stringify(value);
  return JSON.stringify(value, function (this: Record<string, unknown>, key, replaced: unknown) {
    const original = this[key];
    if (original instanceof Uint8Array) return { [BYTES_TAG]: bytesToBase64(original) };
    return replaced;
  });
}

/** Reverses `encodeWire`; text without a bytes tag (most of it) skips the reviver. */
export function decodeWire(text: string): unknown {
  if (!text.includes(`"${BYTES_TAG}":`)) return JSON.parse(text);
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = (value as Record<string, unknown>)[BYTES_TAG];
      if (typeof tagged === 'string' && Object.keys(value).length === 1) return base64ToBytes(tagged);
    }
    return value;
  });
}
