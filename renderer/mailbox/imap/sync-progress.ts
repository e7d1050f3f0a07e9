/** The part of an account's sync status that the folder rows read. */
export interface FolderSyncStatus {
  state: string;
  path?: string;
  done: number;
  total: number;
}

// Making an Intl.NumberFormat costs far more than using one, and every folder row asks on every progress step.
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string): Intl.NumberFormat {
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
}

/**
 * What a folder row shows while its sync brings new messages: "Syncing 23,400 of 100,000", with
 * the numbers grouped the reader's way. Nothing while another folder syncs or the count is unknown.
 */
export function folderSyncProgress(status: FolderSyncStatus | undefined, path: string, locale: string): { done: string; total: string } | undefined {
  if (!status || status.state !== 'syncing' || status.path !== path || !status.total) return undefined;
  const format = numberFormat(locale);
  return { done: format.format(Math.min(status.done, status.total)), total: format.format(status.total) };
}
