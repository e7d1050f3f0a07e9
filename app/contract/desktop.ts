import { z } from 'zod';
import { normaliseExternalUrl } from '../domain/external-url';
import { event, request } from './define';

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
}

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
};

export const desktopEvents = {
  /** The desktop app's File › Open Message File… (or Ctrl+O) chose a file: the renderer shows it read-only. */
  'desktop.openMessageFile': event<{ name: string; raw: Uint8Array }>(),
};
