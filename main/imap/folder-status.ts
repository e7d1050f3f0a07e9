import type { ImapFlow } from 'imapflow';
import type { FolderStatusInfo } from '../../app/domain/server-report';

/** LIST with STATUS (LIST-STATUS where offered, else STATUS per folder, which imapflow chooses). */
export async function listFolderStatus(client: ImapFlow): Promise<FolderStatusInfo[]> {
  const folders = await client.list({ statusQuery: { messages: true, uidNext: true, uidValidity: true, highestModseq: true } });
  return folders.map((folder) => {
    const info: FolderStatusInfo = { path: folder.path };
    if (folder.specialUse) info.specialUse = folder.specialUse;
    const status = folder.status;
    if (status?.messages !== undefined) info.messages = status.messages;
    if (status?.uidNext !== undefined) info.uidNext = status.uidNext;
    if (status?.uidValidity !== undefined) info.uidValidity = String(status.uidValidity);
    if (status?.highestModseq !== undefined) info.highestModseq = String(status.highestModseq);
    return info;
  });
}
