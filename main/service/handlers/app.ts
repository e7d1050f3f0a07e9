import type { AppInfo } from '../../../app/contract';
import type { ModalSecretStore } from '../../accounts/secret-modes';
import type { Handlers } from '../service';

export function appHandlers(info: AppInfo, secrets: ModalSecretStore): Pick<Handlers, 'app.info' | 'app.secretStorage' | 'app.setSecretStorage' | 'app.unlockSecrets'> {
  return {
    'app.info': async () => info,
    'app.secretStorage': () => secrets.state(),
    'app.setSecretStorage': ({ mode, password }) => secrets.setMode(mode, password),
    'app.unlockSecrets': ({ password }) => secrets.unlock(password),
  };
}
