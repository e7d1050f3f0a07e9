import { base64ToBytes } from '../../../app/base64';
import newsletter from './newsletter.eml?url&inline';
import photo from './photo.eml?url&inline';
import welcome from './welcome.eml?url&inline';

/**
 * The first-run samples: real .eml bytes shipped inside the app (inlined as data at build time,
 * so they need no file access and no request), parsed by the same parser as any mail.
 */
export const SAMPLE_MESSAGES: readonly { name: string; bytes: () => Uint8Array }[] = [
  { name: 'welcome.eml', bytes: () => fromDataUrl(welcome) },
  { name: 'photo.eml', bytes: () => fromDataUrl(photo) },
  { name: 'newsletter.eml', bytes: () => fromDataUrl(newsletter) },
];

function fromDataUrl(url: string): Uint8Array {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || !url.slice(0, comma).endsWith(';base64')) throw new Error('a sample message was not inlined as base64');
  return base64ToBytes(url.slice(comma + 1));
}
