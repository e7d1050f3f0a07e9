import { app, nativeImage, Notification, Tray, type BrowserWindow, type NativeImage } from 'electron';
import type { NativeDesktop } from '../desktop/desktop-integration';

/** A 16×16 envelope drawn in code, so the tray and overlay need no image files in the package. */
function envelopeIcon(badge?: string): NativeImage {
  const size = 16;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const border = y === 3 || y === 12 || x === 1 || x === 14 || Math.abs(y - 3 - Math.min(x - 1, 14 - x) / 1.3) < 0.7;
      const inside = y > 3 && y < 12 && x > 1 && x < 14;
      const dot = badge && (x - 12) ** 2 + (y - 3) ** 2 <= 9;
      const [r, g, b, a] = dot ? [220, 40, 40, 255] : border ? [60, 90, 160, 255] : inside ? [245, 245, 245, 255] : [0, 0, 0, 0];
      pixels.set([b, g, r, a], (y * size + x) * 4); // BGRA
    }
  }
  return nativeImage.createFromBitmap(pixels, { width: size, height: size });
}

/** Electron's app, Tray and Notification as the NativeDesktop the integration logic drives. Thin on purpose. */
export function electronNativeDesktop(window: () => BrowserWindow | undefined): NativeDesktop {
  let tray: Tray | undefined;
  const focusWindow = () => {
    const target = window();
    if (!target) return;
    if (target.isMinimized()) target.restore();
    target.show();
    target.focus();
  };
  return {
    platform: process.platform,
    setBadgeCount: (count) => app.setBadgeCount(count),
    setOverlay: (text, description) => window()?.setOverlayIcon(text ? envelopeIcon(text) : null, description),
    // Every desktop Electron supports has a tray (GNOME only with its AppIndicator extension: then nothing shows).
    setTray: (tooltip, title) => {
      if (!tray) {
        tray = new Tray(envelopeIcon());
        tray.on('click', focusWindow);
      }
      tray.setImage(envelopeIcon(title || undefined));
      tray.setToolTip(tooltip);
      if (process.platform === 'darwin') tray.setTitle(title);
    },
    showNotification: (notification, onClick) => {
      if (!Notification.isSupported()) return false;
      const shown = new Notification({ title: notification.title, body: notification.body, silent: notification.silent ?? false });
      shown.on('click', onClick);
      shown.show();
      return true;
    },
    setLoginItem: (settings) => app.setLoginItemSettings(settings),
    getLoginItem: (args) => {
      // Windows finds the entry by path and arguments; macOS ignores both.
      const state = app.getLoginItemSettings(process.platform === 'win32' ? { args } : undefined);
      return { openAtLogin: state.openAtLogin, openAsHidden: state.openAsHidden };
    },
    setDefaultProtocolClient: (protocol) => {
      // In development Electron runs our script: the handler must start it with that path.
      if (process.defaultApp && process.argv[1]) return app.setAsDefaultProtocolClient(protocol, process.execPath, [process.argv[1]]);
      return app.setAsDefaultProtocolClient(protocol);
    },
    focusWindow,
  };
}
