import { z } from 'zod';
import type { MailtoFields } from '../mailto';
import { normaliseExternalUrl } from '../domain/external-url';
import { event, request } from './define';
import { AccountIdSchema } from './schemas';

const MAX_FILE_BYTES = 64 * 1024 * 1024;
const ContentSchema = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, 'Expected the file’s bytes.')
  .refine((bytes) => bytes.length <= MAX_FILE_BYTES, 'The file is too large.');
const FileNameSchema = z.string().min(1).max(500);

/** Web links and mail addresses only: never file:, javascript:, data: or a custom scheme that starts a program. */
export const ExternalUrlSchema = z
  .string()
  .max(8192)
  .refine((url) => normaliseExternalUrl(url) !== undefined, 'Only web (http, https) and mail (mailto) links can be opened.');

/** What the desktop around the window can do: a desktop app has save dialogs, a browser tab downloads. */
export interface DesktopCapabilities {
  saveDialog: boolean;
  /** Main shows notifications itself (Electron's Notification); otherwise the window uses the Web Notifications API. */
  notifications?: boolean;
  /** A dock/taskbar badge or tray icon shows the unread count (desktop app). */
  badge?: boolean;
  /** Starting at login can be switched on (desktop app). */
  loginItem?: boolean;
  /** The composer can open in a window of its own (`desktop.openComposer`, desktop app). */
  composerWindow?: boolean;
}

/**
 * Starting at login as the system has it now. `supported: false` with the reason the setting
 * cannot be changed here: 'browser-mode' (a browser tab cannot register itself), 'platform' (this
 * system has no login items Postbote knows how to set).
 */
export interface LoginItemState {
  supported: boolean;
  openAtLogin: boolean;
  minimised: boolean;
  reason?: 'browser-mode' | 'platform';
}

/** Which message a notification is about, so a click opens it. */
export const NotificationTargetSchema = z
  .object({ accountId: AccountIdSchema, folderId: z.string().min(1).max(2000), messageId: z.string().min(1).max(2000).optional() })
  .strict();
export type NotificationTarget = z.infer<typeof NotificationTargetSchema>;

/** A mailto: link (RFC 6068) as handed over by the system or the command line. */
export const MailtoUrlSchema = z
  .string()
  .max(64 * 1024)
  .refine((url) => /^mailto:/i.test(url.trim()), 'Only mailto: links can be composed.');

/**
 * The system around Postbote: opening an attachment with its app, a link in the browser, and saving
 * files where the user chooses. Main owns these, so a mail never reaches the system unasked.
 */
export const desktopRequests = {
  'desktop.capabilities': request<DesktopCapabilities>()(z.object({}).strict()),
  /**
   * Writes the attachment to a private temporary folder and opens it with the system's app for its
   * type. Only known-safe types (images, PDF, plain text, Office documents without macros) open
   * without `confirmedProgram: true`, the user's yes to "open this file?" (see opensWithoutAsking).
   */
  'desktop.openAttachment': request<{ opened: true }>()(
    z.object({ filename: FileNameSchema, contentType: z.string().max(200).optional(), content: ContentSchema, confirmedProgram: z.boolean().optional() }).strict(),
  ),
  /** Opens a link in the system browser (or mail address in the system's mail handler), after the user clicked it. */
  'desktop.openExternal': request<{ opened: true }>()(z.object({ url: ExternalUrlSchema }).strict()),
  /** A save dialog (desktop app only); `saved: false` when the user cancelled. */
  'desktop.saveFile': request<{ saved: boolean; path?: string }>()(z.object({ suggestedName: FileNameSchema, content: ContentSchema }).strict()),
  /** Asks for a folder once and saves every file there, never overwriting (desktop app only). */
  'desktop.saveFiles': request<{ saved: number; folder?: string }>()(
    z.object({ files: z.array(z.object({ name: FileNameSchema, content: ContentSchema }).strict()).min(1).max(500) }).strict(),
  ),
  /** A new-mail notification through the desktop (desktop app); a click comes back as desktop.notificationClicked. */
  'desktop.notify': request<{ shown: boolean }>()(
    z.object({ title: z.string().max(500), body: z.string().max(2000), target: NotificationTargetSchema.optional(), silent: z.boolean().optional() }).strict(),
  ),
  /** The unread count for the dock/taskbar badge and the tray (0 clears it). */
  'desktop.setUnreadCount': request<{ shown: boolean }>()(z.object({ count: z.number().int().min(0).max(10_000_000) }).strict()),
  /** Whether Postbote starts at login (desktop app), as the system says. */
  'desktop.loginItem': request<LoginItemState>()(z.object({}).strict()),
  /** Start at login, minimised (desktop app); answers the state the system has afterwards. */
  'desktop.setLoginItem': request<LoginItemState>()(z.object({ openAtLogin: z.boolean(), minimised: z.boolean() }).strict()),
  /** The desktop app: the draft in a composer window of its own; `opened: false` where there is none (browser mode opens a popup itself). */
  'desktop.openComposer': request<{ opened: boolean }>()(
    z.object({ draftId: z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9_.@-]{0,127}$/, 'Not a draft id.') }).strict(),
  ),
  /** Opens a composer from a mailto: link in every window (a second launch, `postbote compose`, a link). */
  'desktop.compose': request<{ opened: true }>()(z.object({ url: MailtoUrlSchema }).strict()),
};

export const desktopEvents = {
  /** A click on a notification main showed: open that message. */
  'desktop.notificationClicked': event<NotificationTarget>(),
  /** A mailto: link to open in a new composer, already parsed (RFC 6068). */
  'desktop.compose': event<{ url: string; fields: MailtoFields }>(),
  /** The desktop app's File › Open Message File… (or Ctrl+O) chose a file: the renderer shows it read-only. */
  'desktop.openMessageFile': event<{ name: string; raw: Uint8Array }>(),
  /** The computer woke from sleep (or the screen was unlocked): accounts that were away try again at once. */
  'desktop.resumed': event<{ at: number }>(),
};
