import { linkIndexOf } from './sanitize';

/**
 * A click on a link in a mail frame: the frame has no scripts and no shared origin, so the pane
 * cannot listen inside it. Instead every link goes to an address the app's frame-src 'none'
 * forbids; Chromium reports that violation to the app's own document with the address, which
 * names the frame (its nonce) and the link (its index). The navigation never happens.
 *
 * Calls `handler` with the link's index when a link of the frame rendered with `nonce` is clicked;
 * returns the way to stop. Each frame listens for itself: nothing is kept at module level.
 */
export function onFrameLinkClick(nonce: string, handler: (index: number) => void): () => void {
  const onViolation = (event: SecurityPolicyViolationEvent): void => {
    if (event.effectiveDirective !== 'frame-src') return;
    const index = linkIndexOf(event.blockedURI, nonce);
    if (index !== undefined) handler(index);
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  return () => document.removeEventListener('securitypolicyviolation', onViolation);
}

export function newFrameNonce(): string {
  return [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
