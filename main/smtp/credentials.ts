import XOAuth2 from 'nodemailer/lib/xoauth2';
import type { SMTPConnectionAuth } from 'nodemailer/lib/smtp-connection';
import type { ServerSettings } from '../../app/domain/account';

/**
 * The login nodemailer runs: AUTH PLAIN or LOGIN (whichever the server offers, PLAIN first) with
 * the password, or XOAUTH2 with an access token kept in the vault in its place. A refused token is
 * not renewed here (that would mean a web request from main): the user signs in again.
 */
export function smtpAuth(server: Pick<ServerSettings, 'username' | 'authMethod'>, secret: string): SMTPConnectionAuth {
  if (server.authMethod !== 'xoauth2') return { user: server.username, pass: secret };
  const oauth2 = new XOAuth2({
    user: server.username,
    accessToken: secret,
    provisionCallback: (_user, renew, callback) => (renew ? callback(new Error('The server refused the access token; sign in to the account again.')) : callback(null, secret)),
  });
  return { user: server.username, method: 'XOAUTH2', oauth2 };
}
