import { fetchRemoteImage, type RemoteImageOptions } from '../../remote-content/fetch-image';
import { ImageBudget } from '../../remote-content/image-budget';
import type { Handlers } from '../service';

/** Remote images: the address policy is injectable (tests serve images on loopback); the default refuses it. */
export function remoteContentHandlers(options: RemoteImageOptions = {}, budget = new ImageBudget()): Pick<Handlers, 'remote.image'> {
  return {
    'remote.image': async ({ url, message }) => {
      const left = budget.take(message);
      const image = await fetchRemoteImage(url, { ...options, maxBytes: Math.min(options.maxBytes ?? 10 * 1024 * 1024, left) });
      budget.spend(message, image.content.length);
      return image;
    },
  };
}
