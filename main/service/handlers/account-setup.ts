import type { SecretStore } from '../../accounts/secret-vault';
import { discoverSettings, type DiscoveryOptions } from '../../autoconfig/discover';
import type { DesktopShell } from '../../desktop/desktop-shell';
import { OAuthClients } from '../../oauth/client-config';
import { signIn } from '../../oauth/sign-in';
import { OAuthTokenStore } from '../../oauth/token-store';
import type { Transcript } from '../../transcript';
import { logger } from '../../log';
import type { Handlers } from '../service';

export interface AccountSetupDeps {
  transcript: Transcript;
  vault: SecretStore;
  desktop: DesktopShell;
  timeoutMs: number;
  /** Discovery's DNS servers, CA certificates and ports, where they are not the system's (tests). */
  discovery?: Omit<DiscoveryOptions, 'transcript'>;
  /** The distributor's OAuth client file (else POSTBOTE_OAUTH_CONFIG and POSTBOTE_OAUTH_<ID>_CLIENT_ID). */
  oauthConfigFile?: string;
}

/** The OAuth clients and token store of one service, created once. */
export function oauthParts(deps: Pick<AccountSetupDeps, 'vault' | 'timeoutMs' | 'oauthConfigFile'>) {
  let clients: OAuthClients;
  try {
    clients = OAuthClients.load(deps.oauthConfigFile ? { file: deps.oauthConfigFile } : {});
  } catch (error) {
    // A broken configuration must not keep Postbote from starting: OAuth sign-ins then say it is not configured.
    logger.error('OAuth client configuration not loaded', error);
    clients = new OAuthClients({});
  }
  const tokens = new OAuthTokenStore(deps.vault, { client: (id) => clients.client(id), timeoutMs: deps.timeoutMs });
  return { clients, tokens };
}

export function accountSetupHandlers(deps: AccountSetupDeps, oauth: ReturnType<typeof oauthParts>): Pick<Handlers, 'accounts.discover' | 'accounts.oauthSignIn'> {
  return {
    'accounts.discover': ({ address }) => discoverSettings(address, { ...deps.discovery, transcript: deps.transcript }),
    'accounts.oauthSignIn': ({ address, providerId }) =>
      signIn({ client: oauth.clients.client(providerId), address, store: oauth.tokens, openExternal: (url) => deps.desktop.openExternal(url), timeoutMs: deps.timeoutMs }),
  };
}
