export { Transcript, TranscriptSession, type OpenSessionOptions, type TranscriptListener } from './transcript';
export { REDACTED, createRedactor } from './redactors';
export type * from './types';
