import { defineMessages } from '../define-messages';

/** Who sent a message, in words: the server's SPF/DKIM/DMARC results, spam verdict, names that pretend. */
export default defineMessages({
  en: {
    trust: {
      title: 'Sender check',
      signedBy: 'signed by {domain} (DKIM)',
      dmarcPass: 'sender domain verified (DMARC pass)',
      spfPass: 'sent from a server {domain} allows (SPF pass)',
      checkedBy: 'Checked by your server {server}.',
      failed: 'This message claims to be from {domain} but failed its check ({check} {result}). It may be forged: do not follow its links or requests.',
      unverified: 'Not verified: nothing proves this message comes from {domain}.',
      signedByOther: 'It is signed by {domain} (DKIM), which is not the sender’s domain.',
      unchecked: 'Sender not checked: your server added no check results to this message.',
      ignored: 'No check results were ignored. | One check result from another server was ignored: anyone can write those. | {count} check results from other servers were ignored: anyone can write those.',
      impersonationAddress: 'Beware: the name shown contains the address {claimed}, but this message comes from {address}.',
      impersonationDomain: 'Beware: the name shown mentions {claimed}, but this message comes from {domain}.',
      impersonationBrand: 'Beware: the name shown says {claimed}, but this message does not come from {claimed}: it comes from {domain}.',
      spam: 'Your server’s spam filter marked this message as spam.',
      notSpam: 'The spam filter did not mark this message as spam.',
      score: 'Spam score {score}.',
      scoreOf: 'Spam score {score}; spam from {threshold}.',
    },
  },
  de: {
    trust: {
      title: 'Absenderprüfung',
      signedBy: 'signiert von {domain} (DKIM)',
      dmarcPass: 'Absenderdomain bestätigt (DMARC bestanden)',
      spfPass: 'von einem Server gesendet, den {domain} erlaubt (SPF bestanden)',
      checkedBy: 'Geprüft von Ihrem Server {server}.',
      failed: 'Diese Nachricht gibt vor, von {domain} zu kommen, hat aber die Prüfung nicht bestanden ({check} {result}). Sie könnte gefälscht sein: folgen Sie ihren Links und Bitten nicht.',
      unverified: 'Nicht bestätigt: nichts belegt, dass diese Nachricht von {domain} kommt.',
      signedByOther: 'Sie ist von {domain} signiert (DKIM), das ist nicht die Domain des Absenders.',
      unchecked: 'Absender nicht geprüft: Ihr Server hat dieser Nachricht keine Prüfergebnisse hinzugefügt.',
      ignored: 'Keine Prüfergebnisse wurden übergangen. | Ein Prüfergebnis eines anderen Servers wurde übergangen: solche kann jeder schreiben. | {count} Prüfergebnisse anderer Server wurden übergangen: solche kann jeder schreiben.',
      impersonationAddress: 'Vorsicht: der angezeigte Name enthält die Adresse {claimed}, die Nachricht kommt aber von {address}.',
      impersonationDomain: 'Vorsicht: der angezeigte Name nennt {claimed}, die Nachricht kommt aber von {domain}.',
      impersonationBrand: 'Vorsicht: der angezeigte Name lautet {claimed}, die Nachricht kommt aber nicht von {claimed}, sondern von {domain}.',
      spam: 'Der Spamfilter Ihres Servers hat diese Nachricht als Spam eingestuft.',
      notSpam: 'Der Spamfilter hat diese Nachricht nicht als Spam eingestuft.',
      score: 'Spam-Wert {score}.',
      scoreOf: 'Spam-Wert {score}; Spam ab {threshold}.',
    },
  },
});
