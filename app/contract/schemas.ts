import { z } from 'zod';
import { isLoopbackHost } from '../domain/loopback-host';

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

export { isLoopbackHost };

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

const SignatureSchema = z.string().max(10_000, 'A signature can be at most 10,000 characters long.');

export const IdentitySchema = z.object({ address: EmailSchema, name: z.string().trim().max(200), signature: SignatureSchema.optional() }).strict();

/** The parts of an account about how it looks and behaves, editable without touching its servers. */
export const AccountPresentationSchema = z.object({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour like #3366cc.').optional(),
  order: z.number().int().min(0).max(100_000).optional(),
  identities: z.array(IdentitySchema).max(50).optional(),
  notify: z.boolean().optional(),
  quietFolders: z.array(z.string().min(1).max(1000)).max(1000).optional(),
  syncEveryMinutes: z.number().int().min(0).max(24 * 60).optional(),
  authservIds: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{1,253}$/, 'A server name like mx.example.net.')).max(20).optional(),
  signature: SignatureSchema.optional(),
  offlineFolders: z.array(z.string().min(1).max(1000)).max(1000).optional(),
});

export const AccountUpdateSchema = AccountPresentationSchema.extend({
  id: AccountIdSchema,
  name: z.string().trim().min(1, 'Give the account a name.').max(200).optional(),
  displayName: z.string().trim().max(200).optional(),
  incoming: IncomingSettingsSchema.extend({ password: PasswordSchema.optional() }).optional(),
  outgoing: ServerSettingsSchema.extend({ password: PasswordSchema.optional() }).optional(),
  pop3: Pop3OptionsSchema.optional(),
}).strict();
