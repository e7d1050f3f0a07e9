import { linkIndexOf } from './sanitize';

/**
 * A click on a link in a mail frame: the frame has no scripts and no shared origin, so the pane
 * cannot listen inside it. Instead every link goes to an address the app's frame-src 'none'
 * forbids; Chromium reports that violation to the app's own document with the address, which
 * names the frame (its nonce) and the link (its index). The navigation never happens.
 */
const frames = new Map<string, (index: number) => void>();
let listening = false;

function onViolation(event: SecurityPolicyViolationEvent): void {
  if (event.effectiveDirective !== 'frame-src') return;
  for (const [nonce, handler] of frames) {
    const index = linkIndexOf(event.blockedURI, nonce);
    if (index !== undefined) handler(index);
  }
}

/** Calls `handler` with the link's index when a link of the frame rendered with `nonce` is clicked. */
export function onFrameLinkClick(nonce: string, handler: (index: number) => void): () => void {
  if (!listening) {
    document.addEventListener('securitypolicyviolation', onViolation);
    listening = true;
  }
  frames.set(nonce, handler);
  return () => frames.delete(nonce);
}

export function newFrameNonce(): string {
  return [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
