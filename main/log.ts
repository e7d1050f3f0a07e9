/**
 * Main's log. Callers pass errors and plain words, never request inputs or account settings with
 * passwords; protocol conversations go to the transcript, which redacts them.
 */
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}${error.stack ? `\n${error.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  return String(error);
}

export const logger = {
  info(message: string): void {
    console.log(`[postbote] ${message}`);
  },
  warn(message: string): void {
    console.warn(`[postbote] ${message}`);
  },
  error(message: string, error?: unknown): void {
    console.error(`[postbote] ${message}${error === undefined ? '' : `: ${describe(error)}`}`);
  },
};
