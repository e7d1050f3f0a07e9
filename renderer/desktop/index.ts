// The desktop around the window: new-mail notifications, the unread count (title, badge, tray) and mailto: links.
export { useDesktopStore } from './desktop-store';
