import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import { PostboteError, type ErrorInfo } from '../../app/errors';
import { api } from '../api';
import { asErrorInfo } from './error-info';
import { messageFile, readMessageFile, type OpenedMessageFile } from './eml-file';
import { linkMismatch, type LinkMismatch } from './html/link-check';
import { useSelectionStore } from '../mailbox';
import { useComposeStore } from '../compose';
import { normaliseExternalUrl } from '../../app/domain/external-url';
import { mailtoFields } from '../../app/domain/mailto';

export interface LinkRequest {
  href: string;
  text: string;
}

/** A link the user clicked that needs a word from them first: another domain than shown, or not a web link. */
export interface LinkPrompt extends LinkRequest {
  mismatch?: LinkMismatch;
  openable: boolean;
}

const PREFER_TEXT_KEY = 'postbote.preferPlainText';
const isOpenable = (href: string) => normaliseExternalUrl(href) !== undefined;

/** What the reading pane shows besides the selected message: an opened .eml file, link prompts, the body view chosen. */
export const useReaderStore = defineStore('reader', () => {
  const selection = useSelectionStore();
  const compose = useComposeStore();
  const openedFile = shallowRef<OpenedMessageFile>();
  const fileError = ref<ErrorInfo>();
  const linkPrompt = ref<LinkPrompt>();
  const lastOpenedLink = ref<string>();
  const linkError = ref<ErrorInfo>();
  const preferPlainText = ref(localStorage.getItem(PREFER_TEXT_KEY) === 'true');

  watch(preferPlainText, (value) => localStorage.setItem(PREFER_TEXT_KEY, String(value)));
  // Choosing a message in the list leaves the opened file.
  watch(
    () => selection.messageId,
    (id) => {
      if (id) openedFile.value = undefined;
    },
  );

  async function show(read: () => OpenedMessageFile | Promise<OpenedMessageFile>): Promise<void> {
    fileError.value = undefined;
    try {
      openedFile.value = await read();
      selection.selectMessage(undefined);
    } catch (caught) {
      fileError.value = asErrorInfo(caught);
    }
  }
  const openFile = (file: File) => show(() => readMessageFile(file));
  // The desktop app's File menu reads the file in main and hands the bytes over.
  api.on('desktop.openMessageFile', ({ name, raw }) => void show(() => messageFile(name, raw)));

  /**
   * The system's opener gets the normalised URL (app/domain/external-url), never the raw href; a
   * mailto: link opens Postbote's own composer with its recipients, subject and body only.
   */
  async function open(href: string): Promise<void> {
    linkError.value = undefined;
    const mail = mailtoFields(href);
    if (mail) {
      await compose.writeTo(mail);
      lastOpenedLink.value = href;
      return;
    }
    const url = normaliseExternalUrl(href);
    try {
      if (!url || url.startsWith('mailto:')) throw new PostboteError({ code: 'INVALID_INPUT', message: 'Postbote opens only web (http, https) and mail (mailto) links.' });
      await api.call('desktop.openExternal', { url });
      lastOpenedLink.value = url;
    } catch (caught) {
      linkError.value = asErrorInfo(caught);
    }
  }

  /** A click on a link: straight to the browser when it goes where it says, else a prompt first. */
  function followLink(link: LinkRequest): void {
    const mismatch = linkMismatch(link.text, link.href);
    const openable = isOpenable(link.href);
    if (openable && !mismatch) {
      linkPrompt.value = undefined;
      void open(link.href);
      return;
    }
    linkPrompt.value = { ...link, openable, ...(mismatch ? { mismatch } : {}) };
  }

  function confirmLink(): void {
    const prompt = linkPrompt.value;
    linkPrompt.value = undefined;
    if (prompt?.openable) void open(prompt.href);
  }

  return {
    openedFile,
    fileError,
    linkPrompt,
    lastOpenedLink,
    linkError,
    preferPlainText,
    openFile,
    closeFile: () => (openedFile.value = undefined),
    followLink,
    confirmLink,
    dismissLink: () => (linkPrompt.value = undefined),
  };
});
