import { PostboteError } from '../../../app/errors';

/** Why main did not load remote images of one message, counted by reason (main's `details.refused`). */
export interface RemoteRefusals {
  /** The address is this computer or a private network (main never connects there). */
  privateAddress: number;
  /** The message asked for more than main loads for one message; the limits main named. */
  perMessageCap?: { images: number; megabytes: number };
  /** An image larger than what is left of the message's share. */
  tooLarge: number;
  /** Anything else: offline, a server that did not answer, not an image. */
  other: number;
}

export const noRefusals = (): RemoteRefusals => ({ privateAddress: 0, tooLarge: 0, other: 0 });

/** The counts after one more failed image. */
export function countRefusal(counts: RemoteRefusals, caught: unknown): RemoteRefusals {
  const details = caught instanceof PostboteError ? caught.details : undefined;
  switch (details?.refused) {
    case 'private-address':
      return { ...counts, privateAddress: counts.privateAddress + 1 };
    case 'per-message-cap':
      return { ...counts, perMessageCap: { images: Number(details.images) || 0, megabytes: Number(details.megabytes) || 0 } };
    case 'too-large':
      return { ...counts, tooLarge: counts.tooLarge + 1 };
    default:
      return { ...counts, other: counts.other + 1 };
  }
}
