import type { InjectionKey } from 'vue';

/** Shows where passwords are kept (the unlock dialog, else the settings). The shell provides it, so ErrorNotice need not know the settings feature. */
export const showSecretStorageKey: InjectionKey<() => void> = Symbol('showSecretStorage');
