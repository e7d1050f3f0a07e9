import { createHash } from 'node:crypto';
import { headerBlockEnd } from '../mime';

/**
 * For servers without UIDL: an id from the message's header block (Received, Message-ID, Date … make
 * it unique in practice). Two messages with byte-identical headers count as one, which is why the
 * account says so when this fallback is in use.
 */
export function headerHashId(headerBytes: Uint8Array): string {
  const end = headerBlockEnd(headerBytes);
  return `hdr-sha256:${createHash('sha256').update(headerBytes.subarray(0, end)).digest('hex')}`;
}
