import { z } from 'zod';
import { request } from './define';

export const RemoteUrlSchema = z
  .string()
  .max(8192)
  .refine((url) => {
    try {
      return ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      return false;
    }
  }, 'Only http and https addresses can be loaded.');

/**
 * Remote images of a mail, loaded by main only after the user allowed them for that message or
 * sender. The window itself never loads anything remote (its Content-Security-Policy forbids it),
 * so an image reaches the sandboxed mail view as data, with no cookies and no referrer sent.
 */
export const remoteContentRequests = {
  /**
   * `message` names the mail the image belongs to (its consent key): main caps what one message may
   * load (images and bytes). Main refuses addresses on this computer or a private network.
   */
  'remote.image': request<{ content: Uint8Array; contentType: string }>()(z.object({ url: RemoteUrlSchema, message: z.string().max(2000).optional() }).strict()),
};
