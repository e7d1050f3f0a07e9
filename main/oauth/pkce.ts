import { createHash, randomBytes } from 'node:crypto';

/** RFC 7636 4.1: 32 random octets, base64url: a 43-character verifier. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** RFC 7636 4.2, S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A fresh verifier, its challenge and a state value for one authorization request. */
export function createPkcePair(): { verifier: string; challenge: string; method: 'S256'; state: string } {
  const verifier = createCodeVerifier();
  return { verifier, challenge: codeChallengeS256(verifier), method: 'S256', state: randomBytes(16).toString('base64url') };
}
