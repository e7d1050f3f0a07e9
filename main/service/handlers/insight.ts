import { PostboteError } from '../../../app/errors';
import type { AccountStore } from '../../accounts/account-store';
import type { AccountHealthRegistry } from '../../insight/account-health';
import { serverReport } from '../../insight/server-report';
import { exportSession } from '../../insight/transcript-export';
import type { Transcript } from '../../transcript';
import type { Handlers } from '../service';

export interface InsightHandlerDeps {
  accounts: AccountStore;
  transcript: Transcript;
  health: AccountHealthRegistry;
  timeoutMs: number;
}

export function insightHandlers(deps: InsightHandlerDeps): Pick<Handlers, 'transcript.sessions' | 'transcript.entries' | 'transcript.export' | 'insight.serverReport'> {
  const { transcript } = deps;
  return {
    'transcript.sessions': async ({ accountId }) =>
      transcript
        .sessions()
        .filter((s) => accountId === undefined || s.accountId === accountId)
        .sort((a, b) => b.startedAt - a.startedAt),
    'transcript.entries': async ({ session, accountId, afterSeq, limit }) => {
      const entries = transcript.entries({ ...(session ? { session } : {}), ...(accountId ? { accountId } : {}), ...(afterSeq !== undefined ? { afterSeq } : {}) });
      return entries.slice(-(limit ?? 5000));
    },
    'transcript.export': async ({ session }) => {
      const info = transcript.sessions().find((s) => s.id === session);
      if (!info) throw new PostboteError({ code: 'NOT_FOUND', message: 'That session is no longer in the protocol log.' });
      const stamp = new Date(info.startedAt).toISOString().replace(/[:.]/g, '-');
      return { text: exportSession(info, transcript.entries({ session })), filename: `postbote-${info.protocol}-${info.host}-${stamp}.txt` };
    },
    'insight.serverReport': ({ accountId }) => serverReport(accountId, deps),
  };
}
