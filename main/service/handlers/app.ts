import type { AppInfo } from '../../../app/contract';
import type { Handlers } from '../service';

export function appHandlers(info: AppInfo): Pick<Handlers, 'app.info'> {
  return {
    'app.info': async () => info,
  };
}
