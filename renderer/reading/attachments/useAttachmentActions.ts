import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { DesktopCapabilities, ParsedAttachment } from '../../../app/contract';
import { opensWithoutAsking, safeFileName } from '../../../app/domain/attachment-risk';
import type { ErrorInfo } from '../../../app/errors';
import { api } from '../../api';
import { downloadBytes } from './download';
import { storedZip, uniqueNames } from './zip';
import { asErrorInfo } from '../error-info';

let capabilities: Promise<DesktopCapabilities> | undefined;
const desktopCapabilities = () => (capabilities ??= api.call('desktop.capabilities', {}).catch(() => ({ saveDialog: false })));

/**
 * Open, Save and Save all for attachments, from the bytes the pane holds (cached: works offline).
 * The desktop app saves through main's dialogs; a browser tab saves as downloads, "Save all" as
 * one ZIP. Programs open only after the user confirmed.
 */
export function useAttachmentActions() {
  const { t } = useI18n();
  const error = ref<ErrorInfo>();
  const status = ref<string>();

  async function attempt(work: () => Promise<string | undefined>): Promise<void> {
    error.value = undefined;
    status.value = undefined;
    try {
      status.value = await work();
    } catch (caught) {
      error.value = asErrorInfo(caught);
    }
  }

  const open = (attachment: ParsedAttachment) =>
    attempt(async () => {
      const program = Boolean(attachment.executable) || !opensWithoutAsking(attachment.filename, [attachment.contentType, attachment.sniffedType], attachment.content);
      if (program && !window.confirm(t('reader.programConfirm', { name: attachment.filename }))) return undefined;
      await api.call('desktop.openAttachment', { filename: attachment.filename, contentType: attachment.sniffedType ?? attachment.contentType, content: attachment.content, confirmedProgram: program });
      return t('reader.opened', { name: attachment.filename });
    });

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

  return { open, save, saveAll, error, status };
}
