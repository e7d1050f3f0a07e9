import type { OAuthProviderEndpoints } from '../../app/domain/discovery';

export interface AuthorizationRequest {
  endpoints: OAuthProviderEndpoints;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  /** Pre-fills the provider's sign-in page with the address. */
  loginHint?: string;
}

/** RFC 6749 4.1.1 with RFC 7636 S256: the URL the system browser opens. */
export function authorizationUrl(request: AuthorizationRequest): string {
  const url = new URL(request.endpoints.authorizationEndpoint);
  const params: Record<string, string> = {
    ...request.endpoints.extraAuthParams,
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: request.endpoints.scopes.join(' '),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  };
  if (request.loginHint) params.login_hint = request.loginHint;
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}
