import { z } from 'zod';
import type { DiscoveredSettings, OAuthSignInResult } from '../domain/discovery';
import { request } from './define';
import { EmailSchema } from './schemas';

const ProviderIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Not a provider id.');

/**
 * Setting an account up from its address alone: main finds the servers (provider's autoconfig,
 * the bundled provider table, DNS SRV and MX, probed guesses) and runs an OAuth 2 sign-in in the
 * system browser where the provider needs one. Endpoints come only from main's own table and
 * configuration, never from the window.
 */
export const accountSetupRequests = {
  /** The best settings found for the address, with where they came from; SETTINGS_NOT_FOUND otherwise. */
  'accounts.discover': request<DiscoveredSettings>()(z.object({ address: EmailSchema }).strict()),
  /**
   * Opens the provider's sign-in page in the system browser and returns when the browser came back
   * to Postbote's loopback address with a code (or the user gave up: a typed error). The tokens stay in main.
   */
  'accounts.oauthSignIn': request<OAuthSignInResult>()(z.object({ address: EmailSchema, providerId: ProviderIdSchema }).strict()),
};
