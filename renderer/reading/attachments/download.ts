import { safeFileName } from '../../../app/domain/attachment-risk';

/** Browser tab: a download of bytes the page already has (no request leaves the page). */
export function downloadBytes(name: string, bytes: Uint8Array, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  link.download = safeFileName(name);
  link.click();
  // The download holds its own reference by now; the URL only has to outlive the click.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
