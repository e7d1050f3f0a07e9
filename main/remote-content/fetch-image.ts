import { PostboteError } from '../../app/errors';
import { networkError } from '../net/network-errors';

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const TIMEOUT_MS = 20_000;

/** Image types a mail view may show; SVG is fine as an <img> (scripts never run there). */
const IMAGE_SIGNATURES: { type: string; bytes: number[]; offset?: number }[] = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/webp', bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { type: 'image/bmp', bytes: [0x42, 0x4d] },
];

/** The declared type when it is an image, else what the first bytes say; undefined when not an image. */
export function imageType(declared: string | null, bytes: Uint8Array): string | undefined {
  const type = declared?.split(';')[0]?.trim().toLowerCase();
  if (type?.startsWith('image/')) return type;
  return IMAGE_SIGNATURES.find(({ bytes: signature, offset = 0 }) => signature.every((b, i) => bytes[offset + i] === b))?.type;
}

async function readLimited(response: Response, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_IMAGE_BYTES) throw new PostboteError({ code: 'INVALID_INPUT', message: `The image at ${url} is too large to show (${Math.round(declared / 1e6)} MB).` });
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_IMAGE_BYTES) {
      await reader.cancel();
      throw new PostboteError({ code: 'INVALID_INPUT', message: `The image at ${url} is too large to show.` });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * One remote image of a mail, after the user allowed remote content: no cookies, no referrer, a
 * size limit and a deadline; anything that is not an image is refused.
 */
export async function fetchRemoteImage(url: string, fetcher: typeof fetch = fetch): Promise<{ content: Uint8Array; contentType: string }> {
  const target = new URL(url);
  let response: Response;
  try {
    response = await fetcher(target, { redirect: 'follow', credentials: 'omit', referrerPolicy: 'no-referrer', headers: { accept: 'image/*' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
    const cause = (error as { cause?: unknown }).cause ?? error;
    if ((error as Error).name === 'TimeoutError') throw new PostboteError({ code: 'TIMEOUT', message: `${target.host} did not send the image in time.` });
    // The network words fit any protocol; this one is HTTP, which the error's protocol field cannot name.
    const typed = networkError(cause, { protocol: 'imap', host: target.hostname, port });
    throw new PostboteError({ code: typed?.code ?? 'CONNECTION_CLOSED', message: typed?.message ?? `The image at ${target.host} could not be loaded.` }, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new PostboteError({ code: 'SERVER_ERROR', message: `${target.host} did not send the image.`, serverText: `HTTP ${response.status} ${response.statusText}` });
  }
  if (!['http:', 'https:'].includes(new URL(response.url || url).protocol)) throw new PostboteError({ code: 'INVALID_INPUT', message: 'The image was redirected to an address Postbote does not load.' });
  const content = await readLimited(response, target.host);
  const contentType = imageType(response.headers.get('content-type'), content);
  if (!contentType) throw new PostboteError({ code: 'INVALID_INPUT', message: `What ${target.host} sent is not an image.` });
  return { content, contentType };
}
