/** A window of the desktop app as the composer bookkeeping sees it (an Electron BrowserWindow in the app, a fake in tests). */
export interface ComposerWindow {
  focus(): void;
  isDestroyed(): boolean;
  /** `listener` is called once, when the window has closed. */
  once(event: 'closed', listener: () => void): unknown;
}

export interface ComposerWindowDeps<W extends ComposerWindow> {
  /** A new window on the app's page with `#compose=<draft id>`; it throws when none can be made. */
  create(draftId: string): W;
  /** Connects the window to main (requests answered, events sent); returns the disconnection. */
  wire(window: W): () => void;
}

/**
 * The desktop app's composer windows: one per draft — asked for again, the open one comes to the
 * front, so a draft is never edited in two windows — each wired to main like the main window and
 * unwired when it closes. The shell (main/electron) only makes the windows.
 */
export function composerWindows<W extends ComposerWindow>(deps: ComposerWindowDeps<W>) {
  const open = new Map<string, W>();
  return {
    open(draftId: string): boolean {
      const existing = open.get(draftId);
      if (existing && !existing.isDestroyed()) {
        existing.focus();
        return true;
      }
      let window: W;
      try {
        window = deps.create(draftId);
      } catch {
        return false;
      }
      open.set(draftId, window);
      const unwire = deps.wire(window);
      window.once('closed', () => {
        unwire();
        if (open.get(draftId) === window) open.delete(draftId);
      });
      return true;
    },
    count: () => open.size,
  };
}
