import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { PostboteError } from '../../app/errors';
import { networkError } from '../net/network-errors';
import { sniffImageType, type SafeImageType } from '../../app/domain/image-type';
import { addressLiteral, publicAddressesOnly, systemResolver, type AddressPolicy, type Resolver } from './address-policy';

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const TIMEOUT_MS = 20_000;
const MAX_REDIRECTS = 5;

/**
 * The type of an image main fetched: chosen by its bytes from a fixed list (app/domain/image-type),
 * never the server's Content-Type text, which reaches data: URLs and CSS in the mail view. SVG and
 * anything else is refused (undefined). `_declared` is kept for the callers' sake and ignored.
 */
export function imageType(_declared: string | null, bytes: Uint8Array): SafeImageType | undefined {
  return sniffImageType(bytes);
}

export interface RemoteImageOptions {
  /** May main connect to this address? Default: public unicast only (tests allow loopback). */
  addressAllowed?: AddressPolicy;
  resolve?: Resolver;
  maxRedirects?: number;
  maxBytes?: number;
  timeoutMs?: number;
}

const refused = (host: string) =>
  new PostboteError({
    code: 'INVALID_INPUT',
    message: `The image's address ${host} points to this computer or a private network; Postbote does not load images from there.`,
  });

/**
 * The addresses `hostname` stands for, all of them allowed by the policy, or a refusal. All must
 * pass, not one: a name that answers with a public and a private address is refused.
 */
async function checkedAddresses(hostname: string, policy: AddressPolicy, resolve: Resolver): Promise<{ address: string; family: number }[]> {
  const literal = addressLiteral(hostname);
  let addresses: { address: string; family: number }[];
  if (literal) addresses = [{ address: literal, family: literal.includes(':') ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(hostname);
    } catch (error) {
      const typed = networkError(error, { protocol: 'imap', host: hostname, port: 0 });
      throw new PostboteError({ code: typed?.code ?? 'HOST_NOT_FOUND', message: typed?.message ?? `${hostname} could not be found.` }, { cause: error });
    }
  }
  if (addresses.length === 0 || addresses.some(({ address }) => !policy(address))) throw refused(hostname);
  return addresses;
}

/** A lookup that answers only with the address that was checked: no second resolution (DNS rebinding). */
function pinnedLookup(pinned: { address: string; family: number }): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  }) as unknown as LookupFunction;
}

interface Hop {
  status: number;
  statusText: string;
  location?: string;
  contentType: string | null;
  content?: Uint8Array;
}

/** One HTTP GET to a checked, pinned address; the body read only for a 2xx answer, within the size limit. */
function getOnce(target: URL, pinned: { address: string; family: number }, maxBytes: number, signal: AbortSignal): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const module = target.protocol === 'https:' ? https : http;
    const bare = new URL(target.href);
    bare.username = '';
    bare.password = '';
    const request = module.request(
      bare,
      {
        method: 'GET',
        agent: false,
        lookup: pinnedLookup(pinned),
        signal,
        // No cookies, no referrer, no credentials from the URL: a bare request for an image.
        headers: { accept: 'image/*', 'user-agent': 'Postbote', connection: 'close' },
        ...(target.protocol === 'https:' && !addressLiteral(target.hostname) ? { servername: target.hostname } : {}),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const hop: Hop = { status, statusText: response.statusMessage ?? '', contentType: response.headers['content-type'] ?? null };
        if (response.headers.location) hop.location = response.headers.location;
        if (status < 200 || status >= 300) {
          response.resume();
          return resolve(hop);
        }
        const declared = Number(response.headers['content-length'] ?? 0);
        if (declared > maxBytes) {
          response.destroy();
          return reject(new PostboteError({ code: 'INVALID_INPUT', message: `The image at ${target.host} is too large to show (${Math.round(declared / 1e6)} MB).` }));
        }
        const chunks: Buffer[] = [];
        let total = 0;
        response.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > maxBytes) {
            response.destroy();
            reject(new PostboteError({ code: 'INVALID_INPUT', message: `The image at ${target.host} is too large to show.` }));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ ...hop, content: new Uint8Array(Buffer.concat(chunks)) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/**
 * One remote image of a mail, after the user allowed remote content: no cookies, no referrer, a
 * size limit and a deadline; anything that is not an image is refused. Each hop's host is resolved
 * first and every address checked against the policy (default: public unicast only), the
 * connection goes to exactly the checked address, and redirects are followed by hand, checked the
 * same way, at most five.
 */
export async function fetchRemoteImage(url: string, options: RemoteImageOptions = {}): Promise<{ content: Uint8Array; contentType: string }> {
  const policy = options.addressAllowed ?? publicAddressesOnly;
  const resolve = options.resolve ?? systemResolver;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const signal = AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS);
  let target = new URL(url);
  for (let hop = 0; ; hop++) {
    if (!['http:', 'https:'].includes(target.protocol)) throw new PostboteError({ code: 'INVALID_INPUT', message: 'The image was redirected to an address Postbote does not load.' });
    const [pinned] = await checkedAddresses(target.hostname, policy, resolve);
    let answer: Hop;
    try {
      answer = await getOnce(target, pinned!, options.maxBytes ?? MAX_IMAGE_BYTES, signal);
    } catch (error) {
      if (error instanceof PostboteError) throw error;
      if (signal.aborted) throw new PostboteError({ code: 'TIMEOUT', message: `${target.host} did not send the image in time.` });
      const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
      // The network words fit any protocol; this one is HTTP, which the error's protocol field cannot name.
      const typed = networkError(error, { protocol: 'imap', host: target.hostname, port });
      throw new PostboteError({ code: typed?.code ?? 'CONNECTION_CLOSED', message: typed?.message ?? `The image at ${target.host} could not be loaded.` }, { cause: error });
    }
    if (answer.status >= 300 && answer.status < 400 && answer.location) {
      if (hop >= maxRedirects) throw new PostboteError({ code: 'INVALID_INPUT', message: `The image at ${target.host} was redirected too often.` });
      try {
        target = new URL(answer.location, target);
      } catch {
        throw new PostboteError({ code: 'INVALID_INPUT', message: 'The image was redirected to an address Postbote does not load.' });
      }
      continue;
    }
    if (answer.status < 200 || answer.status >= 300 || !answer.content) {
      throw new PostboteError({ code: 'SERVER_ERROR', message: `${target.host} did not send the image.`, serverText: `HTTP ${answer.status} ${answer.statusText}` });
    }
    const contentType = imageType(answer.contentType, answer.content);
    if (!contentType) throw new PostboteError({ code: 'INVALID_INPUT', message: `What ${target.host} sent is not an image.` });
    return { content: answer.content, contentType };
  }
}
