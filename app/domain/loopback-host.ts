/** Shared by main's schema check and the account form's warning, so both judge a host alike (and the window needs no zod). */

/** This computer: `localhost`, 127.0.0.0/8, ::1 (a plaintext connection there never leaves the machine). */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::1' || /^(0{0,4}:){7}0{0,3}1$/.test(h) || /^::ffff:127\./.test(h);
}
