import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { OAuthProviderEndpoints } from '../../app/domain/discovery';
import { PostboteError } from '../../app/errors';
import { providerById } from '../autoconfig/providers';

/**
 * The OAuth clients of this copy of Postbote. A client id is registered by whoever distributes
 * Postbote (with Google, Microsoft, Yahoo…), so it is configuration, never part of the source:
 *
 * - a JSON file named by POSTBOTE_OAUTH_CONFIG (or passed to createService), shaped like
 *   { "google": { "clientId": "…", "clientSecret": "…" }, "microsoft": { "clientId": "…" } };
 *   an entry with its own endpoints adds a provider the table does not know
 *   ({ "clientId", "authorizationEndpoint", "tokenEndpoint", "revocationEndpoint"?, "scopes", "extraAuthParams"? });
 * - or one variable per provider: POSTBOTE_OAUTH_GOOGLE_CLIENT_ID (and _CLIENT_SECRET where the
 *   provider issues a secret to installed apps, which RFC 8252 8.5 says is not a secret).
 *
 * Variables win over the file.
 */
export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
  endpoints: OAuthProviderEndpoints;
}

const EndpointSchema = z.string().url().refine((url) => {
  const parsed = new URL(url);
  // HTTPS only, except loopback (a test's or a distributor's local identity server).
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(parsed.hostname));
}, 'OAuth endpoints must be https (or http on loopback).');

const EntrySchema = z.object({
  clientId: z.string().min(1).max(512),
  clientSecret: z.string().max(512).optional(),
  authorizationEndpoint: EndpointSchema.optional(),
  tokenEndpoint: EndpointSchema.optional(),
  revocationEndpoint: EndpointSchema.optional(),
  scopes: z.array(z.string().max(512)).max(32).optional(),
  extraAuthParams: z.record(z.string(), z.string()).optional(),
});

export const OAuthConfigFileSchema = z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/), EntrySchema);
export type OAuthConfigFile = z.infer<typeof OAuthConfigFileSchema>;

export class OAuthClients {
  constructor(private readonly entries: OAuthConfigFile) {}

  /** From POSTBOTE_OAUTH_CONFIG / the given file and POSTBOTE_OAUTH_<ID>_CLIENT_ID variables. */
  static load(options: { file?: string; env?: NodeJS.ProcessEnv } = {}): OAuthClients {
    const env = options.env ?? process.env;
    const file = options.file ?? env.POSTBOTE_OAUTH_CONFIG;
    let entries: OAuthConfigFile = {};
    if (file) {
      const parsed = OAuthConfigFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) throw new Error(`${file}: not a valid OAuth client configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      entries = parsed.data;
    }
    for (const [name, value] of Object.entries(env)) {
      const match = /^POSTBOTE_OAUTH_([A-Z0-9_]+)_CLIENT_ID$/.exec(name);
      if (!match || !value) continue;
      const id = match[1]!.toLowerCase().replace(/_/g, '-');
      const secret = env[`POSTBOTE_OAUTH_${match[1]}_CLIENT_SECRET`];
      entries[id] = { ...entries[id], clientId: value, ...(secret ? { clientSecret: secret } : {}) };
    }
    return new OAuthClients(entries);
  }

  /** The client for a provider; OAUTH_NOT_CONFIGURED when this copy has none. */
  client(providerId: string): OAuthClient {
    const entry = this.entries[providerId];
    const known = providerById(providerId)?.oauth;
    const authorizationEndpoint = entry?.authorizationEndpoint ?? known?.authorizationEndpoint;
    const tokenEndpoint = entry?.tokenEndpoint ?? known?.tokenEndpoint;
    if (!entry || !authorizationEndpoint || !tokenEndpoint) {
      throw new PostboteError({ code: 'OAUTH_NOT_CONFIGURED', message: `This copy of Postbote has no OAuth client id for ${providerById(providerId)?.name ?? providerId}. Use an app password, or set POSTBOTE_OAUTH_${providerId.toUpperCase().replace(/-/g, '_')}_CLIENT_ID.` });
    }
    const revocationEndpoint = entry.revocationEndpoint ?? known?.revocationEndpoint;
    const extraAuthParams = entry.extraAuthParams ?? known?.extraAuthParams;
    const endpoints: OAuthProviderEndpoints = {
      providerId,
      authorizationEndpoint,
      tokenEndpoint,
      scopes: entry.scopes ?? known?.scopes ?? [],
      ...(revocationEndpoint ? { revocationEndpoint } : {}),
      ...(extraAuthParams ? { extraAuthParams } : {}),
    };
    return { clientId: entry.clientId, ...(entry.clientSecret ? { clientSecret: entry.clientSecret } : {}), endpoints };
  }
}
