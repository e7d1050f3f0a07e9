import { z } from 'zod';

/** Host names and IP literals; no spaces, no scheme, no path. */
export const HostSchema = z
  .string()
  .trim()
  .min(1, 'Enter the server name.')
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]_]+$/, 'A server name has only letters, digits, dots, dashes and colons.');

export const PortSchema = z.number().int().min(1).max(65535);

export const SecuritySchema = z.enum(['tls', 'starttls', 'none']);

const PemCertificateSchema = z
  .string()
  .max(64 * 1024)
  .regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, 'Not a PEM certificate.');

export const ServerSettingsSchema = z.object({
  host: HostSchema,
  port: PortSchema,
  security: SecuritySchema,
  username: z.string().min(1, 'Enter the user name.').max(512),
  trustedCertificates: z.array(PemCertificateSchema).max(8).optional(),
  authMethod: z.enum(['password', 'xoauth2']).optional(),
  /** The user confirmed plain text (security 'none') to a server that is not on this computer. */
  insecureConfirmed: z.literal(true).optional(),
});

/** This computer: `localhost`, 127.0.0.0/8, ::1 (a plaintext connection there never leaves the machine). */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::1' || /^(0{0,4}:){7}0{0,3}1$/.test(h) || /^::ffff:127\./.test(h);
}

/**
 * Security 'none' sends the password in plain text: allowed for a server on this computer, or with
 * the user's explicit confirmation in the request (`insecureConfirmed: true`); main refuses the rest.
 */
function plaintextNeedsConsent(server: { host: string; security: string; insecureConfirmed?: true | undefined }, path: string, context: z.RefinementCtx): void {
  if (server.security !== 'none' || isLoopbackHost(server.host) || server.insecureConfirmed) return;
  context.addIssue({
    code: 'custom',
    path: [path, 'security'],
    message: `Without encryption, the password for ${server.host} would cross the network in plain text. Choose TLS or STARTTLS, or confirm that you want an unencrypted connection.`,
  });
}

export const PasswordSchema = z.string().min(1, 'Enter the password.').max(4096);

export const IncomingSettingsSchema = ServerSettingsSchema.extend({
  protocol: z.enum(['imap', 'pop3']),
});

export const Pop3RetentionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('keep') }),
  z.object({ kind: z.literal('delete-after-download') }),
  z.object({ kind: z.literal('delete-after-days'), days: z.number().int().min(1).max(3650) }),
  z.object({ kind: z.literal('delete-when-deleted-here') }),
]);

export const Pop3OptionsSchema = z.object({
  retention: Pop3RetentionSchema,
  sizeLimitBytes: z.number().int().min(1024).optional(),
  checkEveryMinutes: z.number().int().min(0).max(24 * 60),
});

export const EmailSchema = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@<>()]+@[^\s@<>()]+$/, 'Enter an address like name@example.org.');

export const AccountDraftSchema = z.object({
  name: z.string().trim().min(1, 'Give the account a name.').max(200),
  email: EmailSchema,
  displayName: z.string().trim().max(200),
  incoming: IncomingSettingsSchema.extend({ password: PasswordSchema }),
  outgoing: ServerSettingsSchema.extend({ password: PasswordSchema }),
  pop3: Pop3OptionsSchema.optional(),
}).superRefine((draft, context) => {
  plaintextNeedsConsent(draft.incoming, 'incoming', context);
  plaintextNeedsConsent(draft.outgoing, 'outgoing', context);
});

export const AccountIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not an account id.');

export const EmptySchema = z.object({}).strict();
