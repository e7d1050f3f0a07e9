import { ref } from 'vue';
import type { LoginItemState } from '../../app/contract';
import { PostboteError, type ErrorInfo } from '../../app/errors';
import { api } from '../api';

/**
 * Start at login, as the system has it: read when the settings open (the user may have changed it
 * in the system's own settings), changed through main, which answers the state afterwards.
 */
export function useLoginItem() {
  const state = ref<LoginItemState>();
  const busy = ref(false);
  const error = ref<ErrorInfo>();

  async function run(work: () => Promise<LoginItemState>): Promise<void> {
    busy.value = true;
    error.value = undefined;
    try {
      state.value = await work();
    } catch (caught) {
      error.value = caught instanceof PostboteError ? caught.toInfo() : { code: 'INTERNAL', message: String(caught) };
    } finally {
      busy.value = false;
    }
  }

  const refresh = () => run(() => api.call('desktop.loginItem', {}));
  const set = (openAtLogin: boolean, minimised: boolean) => run(() => api.call('desktop.setLoginItem', { openAtLogin, minimised }));
  return { state, busy, error, refresh, set };
}
