/** One entry of a <ContextMenu>. */
export interface MenuItem {
  label: string;
  /** A class for tests and styling. */
  name: string;
  run: () => unknown;
  danger?: boolean;
}

/** Where a menu opens and what it offers; undefined while closed. */
export interface OpenMenu {
  x: number;
  y: number;
  items: MenuItem[];
}

/** The point a menu opens at: the mouse for a right click, the element's corner for Shift+F10 (whose event has no position). */
export function menuPoint(event: MouseEvent): { x: number; y: number } {
  if (event.clientX || event.clientY) return { x: event.clientX, y: event.clientY };
  const box = (event.target as Element).getBoundingClientRect();
  return { x: box.left + 24, y: box.bottom };
}
