import { describe, expect, it } from 'vitest';
import { fillPlaceholders, parseAutoconfigXml } from '../../../main/autoconfig/autoconfig-xml';
import { autoconfigUrls } from '../../../main/autoconfig/autoconfig-source';

// Shaped like the files providers serve and Thunderbird's ISPDB holds.
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.net">
    <domain>example.net</domain>
    <domain>example.org</domain>
    <displayName>Example Mail &amp; More</displayName>
    <displayShortName>Example</displayShortName>
    <incomingServer type="pop3">
      <hostname>pop.%EMAILDOMAIN%</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILLOCALPART%</username>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>imap.example.net</hostname>
      <port>143</port>
      <socketType>STARTTLS</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>imap.example.net</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <authentication>password-encrypted</authentication>
      <username>%EMAILADDRESS%</username>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>kerberos.example.net</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <authentication>GSSAPI</authentication>
      <username>%EMAILADDRESS%</username>
    </incomingServer>
    <incomingServer type="exchange">
      <hostname>ews.example.net</hostname>
      <port>443</port>
      <socketType>SSL</socketType>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.example.net</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </outgoingServer>
  </emailProvider>
</clientConfig>`;

describe('autoconfig XML (Thunderbird clientConfig 1.1)', () => {
  it('fills the placeholders', () => {
    expect(fillPlaceholders('%EMAILLOCALPART% at %EMAILDOMAIN% = %EMAILADDRESS%', 'Jo.Doe@Example.NET')).toBe('Jo.Doe at example.net = Jo.Doe@Example.NET');
  });

  it('reads servers best first, with placeholders filled and unusable entries dropped', () => {
    const found = parseAutoconfigXml(XML, 'jo@example.net', 'autoconfig', 'https://autoconfig.example.net/mail/config-v1.1.xml')!;
    expect(found).toMatchObject({ source: 'autoconfig', origin: 'https://autoconfig.example.net/mail/config-v1.1.xml', providerName: 'Example Mail & More', auth: 'password' });
    expect(found.incoming).toEqual([
      { protocol: 'imap', host: 'imap.example.net', port: 993, security: 'tls', username: 'jo@example.net', auth: 'password' },
      { protocol: 'imap', host: 'imap.example.net', port: 143, security: 'starttls', username: 'jo@example.net', auth: 'password' },
      { protocol: 'pop3', host: 'pop.example.net', port: 995, security: 'tls', username: 'jo', auth: 'password' },
    ]);
    expect(found.outgoing).toEqual([{ protocol: 'smtp', host: 'smtp.example.net', port: 587, security: 'starttls', username: 'jo@example.net', auth: 'password' }]);
    expect(found.oauth).toBeUndefined();
  });

  it('chooses OAuth 2 when every server offers it and endpoints are known (the file’s <oAuth2>)', () => {
    const xml = `<clientConfig version="1.1"><emailProvider id="oauth.example">
      <incomingServer type="imap"><hostname>imap.oauth.example</hostname><port>993</port><socketType>SSL</socketType>
        <authentication>OAuth2</authentication><authentication>password-cleartext</authentication><username>%EMAILADDRESS%</username></incomingServer>
      <outgoingServer type="smtp"><hostname>smtp.oauth.example</hostname><port>465</port><socketType>SSL</socketType>
        <authentication>OAuth2</authentication><username>%EMAILADDRESS%</username></outgoingServer>
      </emailProvider>
      <oAuth2><issuer>login.oauth.example</issuer><scope>mail offline</scope>
        <authURL>https://login.oauth.example/authorize</authURL><tokenURL>https://login.oauth.example/token</tokenURL></oAuth2>
    </clientConfig>`;
    const found = parseAutoconfigXml(xml, 'me@oauth.example', 'autoconfig', 'x')!;
    expect(found.auth).toBe('oauth2');
    expect(found.incoming[0]).toMatchObject({ host: 'imap.oauth.example', auth: 'oauth2' });
    expect(found.oauth).toEqual({ providerId: 'oauth.example', authorizationEndpoint: 'https://login.oauth.example/authorize', tokenEndpoint: 'https://login.oauth.example/token', scopes: ['mail', 'offline'] });
  });

  it('stays with passwords when OAuth 2 is offered but no endpoints are known', () => {
    const xml = `<clientConfig version="1.1"><emailProvider id="x">
      <incomingServer type="imap"><hostname>imap.x.example</hostname><port>993</port><socketType>SSL</socketType><authentication>OAuth2</authentication><authentication>password-cleartext</authentication></incomingServer>
      <outgoingServer type="smtp"><hostname>smtp.x.example</hostname><port>465</port><socketType>SSL</socketType><authentication>OAuth2</authentication><authentication>password-cleartext</authentication></outgoingServer>
      </emailProvider></clientConfig>`;
    const found = parseAutoconfigXml(xml, 'me@x.example', 'autoconfig', 'x')!;
    expect(found.auth).toBe('password');
    expect(found.incoming[0]!.username).toBe('me@x.example');
  });

  it('returns nothing for broken, empty, half or oversized files', () => {
    expect(parseAutoconfigXml('<html><body>Not found</body></html>', 'a@b.example', 'autoconfig', 'x')).toBeUndefined();
    expect(parseAutoconfigXml('<clientConfig><emailProvider', 'a@b.example', 'autoconfig', 'x')).toBeUndefined();
    expect(parseAutoconfigXml(XML.replace(/<outgoingServer[\s\S]*<\/outgoingServer>/, ''), 'a@b.example', 'autoconfig', 'x')).toBeUndefined();
    expect(parseAutoconfigXml(XML + ' '.repeat(300 * 1024), 'a@b.example', 'autoconfig', 'x')).toBeUndefined();
  });

  it('asks HTTPS before HTTP, autoconfig.<domain> before .well-known, and sends the address only over HTTPS', () => {
    expect(autoconfigUrls('a+b@example.org', 'example.org')).toEqual([
      'https://autoconfig.example.org/mail/config-v1.1.xml?emailaddress=a%2Bb%40example.org',
      'https://example.org/.well-known/autoconfig/mail/config-v1.1.xml',
      'http://autoconfig.example.org/mail/config-v1.1.xml',
      'http://example.org/.well-known/autoconfig/mail/config-v1.1.xml',
    ]);
  });
});
