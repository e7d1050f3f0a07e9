import { db } from '../db/database';

/** An account's signature as the user wrote it; '' when there is none. */
export async function loadSignature(accountId: string): Promise<string> {
  return (await db.signatures.get(accountId))?.text ?? '';
}

export async function saveSignature(accountId: string, text: string): Promise<void> {
  await db.signatures.put({ accountId, text: text.trimEnd() });
}
