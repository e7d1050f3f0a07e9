import { moveAcross, type MoveAcrossDeps } from '../move-across';
import type { Handlers } from '../service';

/** Moves between accounts need two engines (or an engine and the disk), so they are composed here. */
export function moveAcrossHandlers(deps: MoveAcrossDeps): Pick<Handlers, 'imap.moveToAccount' | 'mail.moveAcross'> {
  return {
    'imap.moveToAccount': async ({ accountId, path, messages, targetAccountId, targetPath }) => {
      const { moved, missing } = await moveAcross(deps, { kind: 'imap', accountId, path, messages }, { kind: 'imap', accountId: targetAccountId, path: targetPath });
      return { moved, missing };
    },
    'mail.moveAcross': ({ from, to }) => moveAcross(deps, from, to),
  };
}
