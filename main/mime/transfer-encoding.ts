export interface TransferDecoded {
  content: Buffer;
  /** The encoded data was damaged; `content` is what could be read. */
  damaged?: boolean;
  /** A Content-Transfer-Encoding Postbote does not know; `content` is the undecoded bytes. */
  unknown?: string;
}

const IDENTITY = new Set(['7bit', '8bit', 'binary', '7-bit', '8-bit']);
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[0x30 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[0x41 + i] = 10 + i;
  HEX[0x61 + i] = 10 + i;
}

function decodeBase64(encoded: Buffer): TransferDecoded {
  const text = encoded.toString('latin1');
  const stray = /[^A-Za-z0-9+/=\s]/.test(text);
  const compact = text.replace(/[^A-Za-z0-9+/=]/g, '');
  const firstPad = compact.indexOf('=');
  const paddedInside = firstPad >= 0 && /[^=]/.test(compact.slice(firstPad));
  const impossibleLength = compact.replace(/=+$/, '').length % 4 === 1;
  if (!paddedInside) return { content: Buffer.from(compact, 'base64'), damaged: stray || impossibleLength };
  // Padding in the middle: several encoded pieces were glued together; decode each of them.
  const pieces = compact.match(/[^=]+=*/g) ?? [];
  return { content: Buffer.concat(pieces.map((piece) => Buffer.from(piece, 'base64'))), damaged: true };
}

/** Quoted-printable (RFC 2045 6.7); a broken escape is kept literally and reported. */
function decodeQuotedPrintable(encoded: Buffer): TransferDecoded {
  const out = Buffer.allocUnsafe(encoded.length);
  let o = 0;
  let damaged = false;
  const n = encoded.length;
  for (let i = 0; i < n; i++) {
    const byte = encoded[i]!;
    if (byte !== 0x3d) {
      out[o++] = byte;
      continue;
    }
    const high = i + 2 < n ? HEX[encoded[i + 1]!]! : -1;
    const low = i + 2 < n ? HEX[encoded[i + 2]!]! : -1;
    if (high >= 0 && low >= 0) {
      out[o++] = (high << 4) | low;
      i += 2;
      continue;
    }
    // Soft line break: "=" then optional transport whitespace, then the line ending (or the end).
    let j = i + 1;
    while (j < n && (encoded[j] === 0x20 || encoded[j] === 0x09)) j++;
    if (j === n) break;
    if (encoded[j] === 0x0d && encoded[j + 1] === 0x0a) {
      i = j + 1;
      continue;
    }
    if (encoded[j] === 0x0a || encoded[j] === 0x0d) {
      i = j;
      continue;
    }
    damaged = true;
    out[o++] = byte;
  }
  return { content: out.subarray(0, o), damaged };
}

/** A part's body bytes with its Content-Transfer-Encoding undone. */
export function decodeTransfer(encoded: Buffer, encoding: string | undefined): TransferDecoded {
  const name = encoding?.replace(/^["']|["']$/g, '');
  if (!name || IDENTITY.has(name)) return { content: encoded };
  if (name === 'base64') return decodeBase64(encoded);
  if (name === 'quoted-printable') return decodeQuotedPrintable(encoded);
  return { content: encoded, unknown: name };
}
