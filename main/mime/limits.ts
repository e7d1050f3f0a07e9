/**
 * Every limit the MIME parser applies, in one place. Real mail stays far below each of them; they
 * exist so that a hostile message (a depth bomb, thousands of parts, a header block of megabytes)
 * is shown best-effort in bounded time and memory instead of hanging or exhausting main. Each
 * limit that bites is reported to the user as a notice.
 */
export interface MimeLimits {
  /** Nesting of multiparts and attached messages below the top level. Forwarded-forwarded mail reaches about 8. */
  maxDepth: number;
  /** MIME parts read in the whole message, embedded messages included; later parts are skipped. */
  maxParts: number;
  /** Header bytes read per part (and for the message itself); the rest of a longer header block is skipped. */
  maxHeaderBytes: number;
  /** Decoded bytes of all parts together (attachments, bodies, embedded messages at every level). */
  maxDecodedBytes: number;
  /** Characters of one text or HTML body kept for the reading pane; the whole part stays available as a file. */
  maxBodyChars: number;
}

export const MIME_LIMITS: Readonly<MimeLimits> = Object.freeze({
  maxDepth: 24,
  maxParts: 1000,
  maxHeaderBytes: 1024 * 1024,
  maxDecodedBytes: 128 * 1024 * 1024,
  maxBodyChars: 4 * 1024 * 1024,
});
