export type * from '../../app/domain/transcript';

export interface Redacted {
  text: string;
  redacted: boolean;
}

/** Protocol-aware, stateful: AUTH exchanges span several lines. */
export interface LineRedactor {
  client(line: string): Redacted;
  server(line: string): Redacted;
}
