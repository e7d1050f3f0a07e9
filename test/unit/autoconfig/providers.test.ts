import { describe, expect, it } from 'vitest';
import { PROVIDERS, providerForDomain, providerForMx, settingsFromProvider } from '../../../main/autoconfig/providers';
import { mxDomains } from '../../../main/autoconfig/mx-source';
import { bestSrv } from '../../../main/autoconfig/srv-source';
import { guessCandidates } from '../../../main/autoconfig/guess-source';

describe('bundled provider table', () => {
  it('has the providers of issue 17, each with incoming and outgoing servers over TLS', () => {
    expect(PROVIDERS.map((p) => p.id)).toEqual(['google', 'microsoft', 'yahoo', 'icloud', 'gmx', 'webde', 't-online', 'posteo', 'mailbox-org', 'fastmail', 'freenet', '1und1', 'ionos']);
    for (const provider of PROVIDERS) {
      expect(provider.servers.some((s) => s.protocol !== 'smtp')).toBe(true);
      expect(provider.servers.some((s) => s.protocol === 'smtp')).toBe(true);
      expect(provider.servers.every((s) => s.security !== 'none')).toBe(true);
      if (provider.auth === 'oauth2') {
        expect(provider.oauth?.authorizationEndpoint).toMatch(/^https:\/\//);
        expect(provider.oauth?.tokenEndpoint).toMatch(/^https:\/\//);
        expect(provider.oauth?.scopes.length).toBeGreaterThan(0);
      }
    }
  });

  it('looks providers up by domain, case and trailing dot aside', () => {
    expect(providerForDomain('gmail.com')?.id).toBe('google');
    expect(providerForDomain('GoogleMail.com.')?.id).toBe('google');
    expect(providerForDomain('hotmail.de')?.id).toBe('microsoft');
    expect(providerForDomain('web.de')?.id).toBe('webde');
    expect(providerForDomain('magenta.de')?.id).toBe('t-online');
    expect(providerForDomain('posteo.net')?.id).toBe('posteo');
    expect(providerForDomain('example.org')).toBeUndefined();
  });

  it('looks providers up by MX host suffix, on label boundaries only', () => {
    expect(providerForMx('aspmx.l.google.com')?.id).toBe('google');
    expect(providerForMx('ALT1.ASPMX.L.GOOGLE.COM.')?.id).toBe('google');
    expect(providerForMx('contoso-com.mail.protection.outlook.com')?.id).toBe('microsoft');
    expect(providerForMx('mx00.ionos.de')?.id).toBe('ionos');
    expect(providerForMx('mx01.kundenserver.de')?.id).toBe('ionos');
    expect(providerForMx('mx-ha03.web.de')?.id).toBe('webde');
    expect(providerForMx('mta7.am0.yahoodns.net')?.id).toBe('yahoo');
    expect(providerForMx('in1-smtp.messagingengine.com')?.id).toBe('fastmail');
    expect(providerForMx('notgoogle.com')).toBeUndefined();
    expect(providerForMx('mx.example.org')).toBeUndefined();
  });

  it('fills the user name form: the address, or the local part (iCloud IMAP)', () => {
    const icloud = settingsFromProvider(providerForDomain('icloud.com')!, 'jane@icloud.com', 'provider', 'iCloud Mail');
    expect(icloud.incoming[0]).toEqual({ protocol: 'imap', host: 'imap.mail.me.com', port: 993, security: 'tls', username: 'jane', auth: 'password' });
    expect(icloud.outgoing[0]).toMatchObject({ host: 'smtp.mail.me.com', port: 587, security: 'starttls', username: 'jane@icloud.com' });
    const gmail = settingsFromProvider(providerForDomain('gmail.com')!, 'jane@gmail.com', 'provider', 'Gmail');
    expect(gmail.auth).toBe('oauth2');
    expect(gmail.oauth).toMatchObject({ providerId: 'google', scopes: ['https://mail.google.com/'] });
    expect(gmail.incoming.map((s) => s.protocol)).toEqual(['imap', 'pop3']);
    expect(gmail.outgoing.map((s) => s.port)).toEqual([465, 587]);
  });

  it('WEB.DE logs in with the local part everywhere (ISPDB web.de.xml) and offers 465 as well as 587', () => {
    const webde = settingsFromProvider(providerForDomain('web.de')!, 'jan.muster@web.de', 'provider', 'WEB.DE');
    expect([...webde.incoming, ...webde.outgoing].map((s) => s.username)).toEqual(['jan.muster', 'jan.muster', 'jan.muster', 'jan.muster']);
    expect(webde.outgoing.map((s) => `${s.host}:${s.port}`)).toEqual(['smtp.web.de:465', 'smtp.web.de:587']);
  });

  it('Microsoft: Outlook.com addresses submit to smtp-mail.outlook.com, Microsoft 365 domains found by MX to smtp.office365.com', () => {
    const microsoft = providerForDomain('outlook.com')!;
    const consumer = settingsFromProvider(microsoft, 'jane@outlook.com', 'provider', microsoft.name);
    expect(consumer.outgoing.map((s) => s.host)).toEqual(['smtp-mail.outlook.com']);
    const hosted = settingsFromProvider(microsoft, 'jane@contoso.com', 'mx', 'MX contoso-com.mail.protection.outlook.com');
    expect(hosted.outgoing.map((s) => s.host)).toEqual(['smtp.office365.com']);
    expect(hosted.incoming.map((s) => `${s.protocol} ${s.host}:${s.port}`)).toEqual(['imap outlook.office365.com:993', 'pop3 outlook.office365.com:995']);
  });
});

describe('DNS and guess helpers', () => {
  it('picks the SRV record with the lowest priority and highest weight, ignoring "."', () => {
    expect(bestSrv([{ name: 'b.example', port: 993, priority: 10, weight: 1 }, { name: 'a.example', port: 993, priority: 5, weight: 0 }, { name: '.', port: 0, priority: 0, weight: 0 }])?.name).toBe('a.example');
    expect(bestSrv([{ name: '.', port: 0, priority: 0, weight: 0 }])).toBeUndefined();
  });

  it('derives the MX host’s domains', () => {
    expect(mxDomains('mx01.mail.example.net')).toEqual(['mail.example.net', 'example.net']);
    expect(mxDomains('mx.example.net.')).toEqual(['example.net']);
  });

  it('guesses imap., mail., pop., pop3., smtp. with the standard encrypted ports only', () => {
    const guesses = guessCandidates('example.org');
    expect(new Set(guesses.map((g) => g.host.split('.')[0]))).toEqual(new Set(['imap', 'mail', 'pop', 'pop3', 'smtp']));
    expect(new Set(guesses.map((g) => g.port))).toEqual(new Set([993, 143, 995, 110, 465, 587]));
    expect(guesses.every((g) => (g.security as string) !== 'none')).toBe(true);
  });
});

describe('discovery order', () => {
  it('takes the best source that found something, even when a lesser one answered first', async () => {
    const { firstFound } = await import('../../../main/autoconfig/discover');
    const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
    expect(await firstFound([later(30, 'autoconfig'), later(1, 'provider'), later(1, 'guess')])).toBe('autoconfig');
    expect(await firstFound([later(20, undefined), later(30, undefined), later(1, 'srv'), later(5, 'mx')])).toBe('srv');
    expect(await firstFound([later(1, undefined), Promise.resolve(undefined)])).toBeUndefined();
  });
});
