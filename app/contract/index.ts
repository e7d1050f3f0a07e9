import type { z } from 'zod';
import { accountEvents, accountRequests } from './accounts';
import { accountSetupRequests } from './account-setup';
import { appEvents, appRequests } from './app';
import { desktopEvents, desktopRequests } from './desktop';
import { imapEvents, imapRequests } from './imap';
import { insightRequests } from './insight';
import { messageRequests } from './message';
import { offlineRequests } from './offline';
import { pop3Requests } from './pop3';
import { localMailEvents, localMailRequests } from './local-mail';
import { sendRequests } from './send';
import { taskRequests } from './tasks';
import { remoteContentRequests } from './remote-content';
import { senderRequests } from './senders';
import type { EventDef, RequestDef } from './define';

/** Every request of the app. Later features add their group here. */
export const requests = {
  ...appRequests,
  ...accountRequests,
  ...accountSetupRequests,
  ...pop3Requests,
  ...messageRequests,
  ...insightRequests,
  ...imapRequests,
  ...sendRequests,
  ...desktopRequests,
  ...remoteContentRequests,
  ...offlineRequests,
  ...localMailRequests,
  ...taskRequests,
  ...senderRequests,
};

/** Every event main pushes to the renderer. */
export const events = {
  ...appEvents,
  ...accountEvents,
  ...imapEvents,
  ...desktopEvents,
  ...localMailEvents,
};

export type Requests = typeof requests;
export type RequestName = keyof Requests;
/** What the caller passes (before defaults and trimming). */
export type RequestInput<N extends RequestName> = z.input<Requests[N]['input']>;
/** What main's handler receives, after validation. */
export type ValidInput<N extends RequestName> = z.output<Requests[N]['input']>;
export type RequestOutput<N extends RequestName> = Requests[N] extends RequestDef<z.ZodType, infer O> ? O : never;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = Events[E] extends EventDef<infer P> ? P : never;

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}

export * from './schemas';
export type { AppInfo, ProgressEvent } from './app';
export type { Pop3Listing, Pop3Message } from './pop3';
export type { ImportReport, LocalEntry, LocalFlag, LocalStorageInfo, Pop3DownloadResult } from './local-mail';
export type { MimePart, ParsedAttachment, ParsedHeaders, ParsedMessage, SecurityWrapper, SpamReport } from './message';
export type { OpOutcome } from './imap';
export type { AppendOutcome } from './send';
export type { ImapOpRun, ImapOpTask, ImapOpTaskInput, PendingWork, SendTask, SendTaskState, StoredDraft } from './tasks';
export type { DesktopCapabilities, LoginItemState, NotificationTarget } from './desktop';
