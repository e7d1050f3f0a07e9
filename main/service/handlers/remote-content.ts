import { fetchRemoteImage } from '../../remote-content/fetch-image';
import type { Handlers } from '../service';

export function remoteContentHandlers(fetcher?: typeof fetch): Pick<Handlers, 'remote.image'> {
  return {
    'remote.image': ({ url }) => fetchRemoteImage(url, fetcher),
  };
}
