import type { ImapFlow } from 'imapflow';
import { PostboteError } from '../../app/errors';

interface Logger {
  warn: (entry: { err?: unknown }) => void;
}

const lastFailure = new WeakMap<object, unknown>();

/**
 * imapflow reports a refused STORE, COPY, MOVE or EXPUNGE only by returning false and logging the
 * error (with the server's NO or BAD). The logger passed to it through here keeps that error for
 * the client, so the caller can say what the server said instead of taking false for success.
 */
export function keepingFailures<L extends Logger>(logger: L, owner: () => object | undefined): L {
  return {
    ...logger,
    warn: (entry) => {
      const client = owner();
      if (client && entry && typeof entry === 'object' && entry.err) lastFailure.set(client, entry.err);
      logger.warn(entry);
    },
  };
}

/** Runs one imapflow command that answers false on failure, and throws the server's refusal instead. */
export async function succeeded<T>(client: ImapFlow, action: string, command: () => Promise<T | false | undefined>): Promise<T> {
  lastFailure.delete(client);
  const result = await command();
  if (result !== false && result !== undefined) return result;
  const failure = lastFailure.get(client);
  // The raw error travels up to the account connection, which types it with the server's words.
  if (failure) throw failure;
  throw new PostboteError({ code: 'SERVER_ERROR', message: `The IMAP server did not ${action}.`, protocol: 'imap' });
}
