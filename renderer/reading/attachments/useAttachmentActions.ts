import { ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { DesktopCapabilities, ParsedAttachment } from '../../../app/contract';
import { activeContentKind, isProgramFile, looksLikeProgram, opensWithoutAsking, safeFileName, type ActiveContentKind } from '../../../app/domain/attachment-risk';
import type { ErrorInfo } from '../../../app/errors';
import { api } from '../../api';
import { downloadBytes } from './download';
import { storedZip, uniqueNames } from './zip';
import { asErrorInfo } from '../error-info';

let capabilities: Promise<DesktopCapabilities> | undefined;
const desktopCapabilities = () => (capabilities ??= api.call('desktop.capabilities', {}).catch(() => ({ saveDialog: false })));

/** Why the system's app gets a file only after a yes in the window: it runs code, is a web page, or is of an unknown kind. */
export type OpenRisk = 'program' | 'active' | 'other';

export interface OpenQuestion {
  attachment: ParsedAttachment;
  risk: OpenRisk;
}

/** The kind of active content (web page, SVG, web archive) an attachment is, if any: shown in Postbote, not opened. */
export const activeKind = (attachment: ParsedAttachment): ActiveContentKind | undefined =>
  activeContentKind(attachment.filename, [attachment.contentType, attachment.sniffedType], attachment.content);

/**
 * Open, Save and Save all for attachments, from the bytes the pane holds (cached: works offline).
 * The desktop app saves through main's dialogs; a browser tab saves as downloads, "Save all" as
 * one ZIP.
 *
 * "Open" shows active content (HTML, XHTML, SVG, .mht) inside Postbote, in the mail body's
 * sandboxed, script-less frame (`viewing`); handing it to the system's browser is a second step
 * with a warning (`question`). Programs and files of unknown kinds also get that in-window
 * question first — never window.confirm, which Electron's shell cannot be relied on for.
 */
export function useAttachmentActions() {
  const { t } = useI18n();
  const error = ref<ErrorInfo>();
  const status = ref<string>();
  const viewing = shallowRef<ParsedAttachment>();
  const question = shallowRef<OpenQuestion>();

  async function attempt(work: () => Promise<string | undefined>): Promise<void> {
    error.value = undefined;
    status.value = undefined;
    try {
      status.value = await work();
    } catch (caught) {
      error.value = asErrorInfo(caught);
    }
  }

  const riskOf = (attachment: ParsedAttachment): OpenRisk | undefined => {
    // Program bytes or types first; then web content (shown in Postbote, even a .mht that Windows would run); then program names.
    if (isProgramFile('', attachment.contentType, attachment.sniffedType) || looksLikeProgram(attachment.content)) return 'program';
    if (activeKind(attachment)) return 'active';
    // main's verdict (`executable`) also counts program names, .mht among them: after the web-content check.
    if (attachment.executable || isProgramFile(attachment.filename)) return 'program';
    return opensWithoutAsking(attachment.filename, [attachment.contentType, attachment.sniffedType], attachment.content) ? undefined : 'other';
  };

  const handToSystem = (attachment: ParsedAttachment, confirmed: boolean) =>
    attempt(async () => {
      const name = safeFileName(attachment.filename);
      await api.call('desktop.openAttachment', { filename: name, contentType: attachment.sniffedType ?? attachment.contentType, content: attachment.content, confirmedProgram: confirmed });
      return t('reader.opened', { name });
    });

  /** "Open": active content in Postbote's own view, a safe type with its app, anything else after a question. */
  function open(attachment: ParsedAttachment): void {
    error.value = undefined;
    const risk = riskOf(attachment);
    if (risk === 'active') viewing.value = attachment;
    else if (risk) question.value = { attachment, risk };
    else void handToSystem(attachment, false);
  }

  /** "Open in browser" (or with the system's app): always asked first, with what can happen. */
  function openOutside(attachment: ParsedAttachment): void {
    question.value = { attachment, risk: riskOf(attachment) ?? 'other' };
  }

  function answer(yes: boolean): void {
    const asked = question.value;
    question.value = undefined;
    if (yes && asked) void handToSystem(asked.attachment, true);
  }

  const save = (attachment: ParsedAttachment) =>
    attempt(async () => {
      if (!(await desktopCapabilities()).saveDialog) {
        downloadBytes(attachment.filename, attachment.content, attachment.contentType);
        return undefined;
      }
      const result = await api.call('desktop.saveFile', { suggestedName: safeFileName(attachment.filename), content: attachment.content });
      return result.saved ? t('reader.savedTo', { path: result.path ?? '' }) : undefined;
    });

  const saveAll = (attachments: readonly ParsedAttachment[], archiveName: string) =>
    attempt(async () => {
      const names = uniqueNames(attachments.map((a) => safeFileName(a.filename)));
      if (!(await desktopCapabilities()).saveDialog) {
        downloadBytes(`${archiveName}.zip`, storedZip(attachments.map((a, i) => ({ name: names[i]!, content: a.content }))), 'application/zip');
        return undefined;
      }
      const result = await api.call('desktop.saveFiles', { files: attachments.map((a, i) => ({ name: names[i]!, content: a.content })) });
      return result.saved ? t('reader.savedAll', { count: result.saved, folder: result.folder ?? '' }) : undefined;
    });

  return { open, openOutside, answer, save, saveAll, viewing, question, closeViewer: () => (viewing.value = undefined), error, status };
}
