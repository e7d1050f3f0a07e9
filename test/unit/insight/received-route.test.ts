import { describe, expect, it } from 'vitest';
import { messageRoute } from '../../../app/route/message-route';
import { parseReceived } from '../../../app/route/received';

describe('Received parser corpus', () => {
  it.each([
    [
      'Postfix, TLS in a comment, submission with auth',
      'from [127.0.0.1] (localhost [127.0.0.1]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) (No client certificate requested) by mail.example.test (Postfix) with ESMTPSA id 4Xk2v1 for <bob@example.test>; Sun, 22 Nov 2026 18:20:01 +0000 (UTC)',
      { from: '[127.0.0.1]', fromAddress: '127.0.0.1', fromReverseName: 'localhost', by: 'mail.example.test', protocol: 'ESMTPSA', tls: true, authenticated: true, id: '4Xk2v1', for: 'bob@example.test', time: Date.UTC(2026, 10, 22, 18, 20, 1) },
    ],
    [
      'Dovecot LMTP',
      'from mail.example.test by mail.example.test with LMTP id kJ7mB1 (envelope-from <alice@example.test>) for <bob@example.test>; Sun, 22 Nov 2026 18:20:02 +0000',
      { from: 'mail.example.test', by: 'mail.example.test', protocol: 'LMTP', tls: false, authenticated: false, for: 'bob@example.test' },
    ],
    [
      'Gmail, IPv6 and a 2001 zone',
      'from mail-sor-f41.google.com (mail-sor-f41.google.com. [2607:f8b0:4864:20::c41]) by mx.google.com with SMTPS id a1sor; Tue, 03 Mar 2026 01:02:03 -0800 (PST)',
      { from: 'mail-sor-f41.google.com', fromAddress: '2607:f8b0:4864:20::c41', by: 'mx.google.com', protocol: 'SMTPS', tls: true, time: Date.UTC(2026, 2, 3, 9, 2, 3) },
    ],
    [
      'Exchange with the TLS version in parentheses',
      'from AM0PR01MB1234.eurprd01.prod.exchangelabs.com (2603:10a6:208::12) by AM0PR01MB5678.eurprd01.prod.exchangelabs.com with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7; Wed, 4 Mar 2026 10:00:00 +0000',
      { protocol: 'MICROSOFT', tls: true, by: 'AM0PR01MB5678.eurprd01.prod.exchangelabs.com' },
    ],
    ['qmail, no by or with', '(qmail 12345 invoked from network); 5 Mar 2026 12:00:00 -0000', { tls: false, time: Date.UTC(2026, 2, 5, 12) }],
    ['garbage without a date', 'from nowhere ((( by ;;; with', { from: 'nowhere', tls: false }],
  ])('%s', (_label, value, expected) => {
    const hop = parseReceived(value);
    expect(hop).toMatchObject(expected);
    if (!('time' in expected)) expect(hop.time === undefined || Number.isFinite(hop.time)).toBe(true);
  });
});

describe('message route', () => {
  const source = [
    'Return-Path: <alice@example.test>',
    'Received: from mail.example.test by mail.example.test with LMTP id a1',
    '\tfor <bob@example.test>; Sun, 22 Nov 2026 18:20:05 +0000',
    'Received: from relay.example.net (relay.example.net [198.51.100.7]) by mail.example.test (Postfix) with ESMTPS id b2; Sun, 22 Nov 2026 18:25:00 +0000',
    'Received: from laptop (unknown [203.0.113.9]) by relay.example.net with ESMTPSA id c3; Sun, 22 Nov 2026 18:20:00 +0000',
    'Authentication-Results: mail.example.test; spf=pass smtp.mailfrom=example.net; dkim=pass header.d=example.net; dmarc=fail header.from=example.net',
    'X-Spam-Score: 0.1',
    'X-Mailer: Postbote',
    'Date: Sun, 22 Nov 2026 18:19:58 +0000',
    'Subject: hi',
    '',
    'Received: from the body must be ignored',
  ].join('\r\n');

  it('lists hops oldest first with delays, warns about clock skew, and groups the rest', () => {
    const route = messageRoute(source);
    expect(route.hops.map((h) => h.by)).toEqual(['relay.example.net', 'mail.example.test', 'mail.example.test']);
    expect(route.hops.map((h) => h.protocol)).toEqual(['ESMTPSA', 'ESMTPS', 'LMTP']);
    expect(route.hops.map((h) => h.delayMs)).toEqual([undefined, 300_000, -295_000]);
    expect(route.warnings).toHaveLength(1);
    expect(route.warnings[0]).toMatch(/clocks? is wrong/);
    expect(route.returnPath).toBe('alice@example.test');
    expect(route.authentication[0]!.results.map((r) => `${r.method}=${r.result}`)).toEqual(['spf=pass', 'dkim=pass', 'dmarc=fail']);
    expect(route.xHeaders.map((x) => x.name)).toEqual(['X-Spam-Score', 'X-Mailer']);
  });

  it('survives a message without any Received line', () => {
    expect(messageRoute('Subject: local\r\n\r\nbody')).toMatchObject({ hops: [], warnings: [], authentication: [] });
  });
});
