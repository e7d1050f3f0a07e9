export { Transcript, TranscriptSession, type OpenSessionOptions, type TranscriptListener } from './transcript';
export { REDACTED, createRedactor } from './redactors';
export { shorten } from './shorten';
export type * from './types';
