import type { InjectionKey } from 'vue';

/** Opens the protocol log at one session. The shell provides it, so generic pieces such as ErrorNotice need not know the insight feature. */
export const showTranscriptKey: InjectionKey<(session: string) => void> = Symbol('showTranscript');
