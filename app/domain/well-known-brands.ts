/**
 * Names phishing mail most often puts in the display name, with the registrable domains their real
 * mail comes from. A display name saying "PayPal" on mail from anywhere else is worth a warning.
 * Kept short on purpose: a warning that fires on every newsletter teaches users to ignore it.
 */
export interface Brand {
  name: string;
  /** Lower-case words that must all appear (whole words) in the normalised display name. */
  words: string[];
  domains: string[];
}

export const WELL_KNOWN_BRANDS: readonly Brand[] = [
  { name: 'PayPal', words: ['paypal'], domains: ['paypal.com', 'paypal.de', 'paypal.me', 'paypal-communication.com'] },
  { name: 'Amazon', words: ['amazon'], domains: ['amazon.com', 'amazon.de', 'amazon.co.uk', 'amazon.fr', 'amazon.it', 'amazon.es', 'amazonses.com', 'amazon.nl'] },
  { name: 'Apple', words: ['apple'], domains: ['apple.com', 'icloud.com', 'me.com'] },
  { name: 'iCloud', words: ['icloud'], domains: ['apple.com', 'icloud.com'] },
  { name: 'Microsoft', words: ['microsoft'], domains: ['microsoft.com', 'office.com', 'outlook.com', 'live.com', 'microsoftonline.com'] },
  { name: 'Outlook', words: ['outlook'], domains: ['microsoft.com', 'outlook.com', 'office.com'] },
  { name: 'Office 365', words: ['office', '365'], domains: ['microsoft.com', 'office.com', 'office365.com'] },
  { name: 'Google', words: ['google'], domains: ['google.com', 'gmail.com', 'youtube.com'] },
  { name: 'Gmail', words: ['gmail'], domains: ['google.com', 'gmail.com'] },
  { name: 'Netflix', words: ['netflix'], domains: ['netflix.com'] },
  { name: 'DHL', words: ['dhl'], domains: ['dhl.com', 'dhl.de', 'deutschepost.de'] },
  { name: 'Deutsche Post', words: ['deutsche', 'post'], domains: ['deutschepost.de', 'dhl.de'] },
  { name: 'DPD', words: ['dpd'], domains: ['dpd.com', 'dpd.de'] },
  { name: 'FedEx', words: ['fedex'], domains: ['fedex.com'] },
  { name: 'UPS', words: ['ups'], domains: ['ups.com'] },
  { name: 'Sparkasse', words: ['sparkasse'], domains: ['sparkasse.de', 's-com.de'] },
  { name: 'Deutsche Bank', words: ['deutsche', 'bank'], domains: ['db.com', 'deutsche-bank.de'] },
  { name: 'Commerzbank', words: ['commerzbank'], domains: ['commerzbank.de', 'commerzbank.com'] },
  { name: 'ING', words: ['ing', 'diba'], domains: ['ing.de', 'ing-diba.de', 'ing.com'] },
  { name: 'Volksbank', words: ['volksbank'], domains: ['vr.de', 'volksbank.de'] },
  { name: 'Postbank', words: ['postbank'], domains: ['postbank.de'] },
  { name: 'N26', words: ['n26'], domains: ['n26.com'] },
  { name: 'Visa', words: ['visa'], domains: ['visa.com', 'visa.de'] },
  { name: 'Mastercard', words: ['mastercard'], domains: ['mastercard.com', 'mastercard.de'] },
  { name: 'American Express', words: ['american', 'express'], domains: ['americanexpress.com', 'aexp.com'] },
  { name: 'eBay', words: ['ebay'], domains: ['ebay.com', 'ebay.de', 'ebay.co.uk'] },
  { name: 'Facebook', words: ['facebook'], domains: ['facebook.com', 'facebookmail.com', 'meta.com'] },
  { name: 'Instagram', words: ['instagram'], domains: ['instagram.com', 'mail.instagram.com', 'facebookmail.com'] },
  { name: 'WhatsApp', words: ['whatsapp'], domains: ['whatsapp.com', 'facebookmail.com'] },
  { name: 'LinkedIn', words: ['linkedin'], domains: ['linkedin.com'] },
  { name: 'Dropbox', words: ['dropbox'], domains: ['dropbox.com', 'dropboxmail.com'] },
  { name: 'DocuSign', words: ['docusign'], domains: ['docusign.com', 'docusign.net'] },
  { name: 'Adobe', words: ['adobe'], domains: ['adobe.com'] },
  { name: 'Zoom', words: ['zoom'], domains: ['zoom.us'] },
  { name: 'Telekom', words: ['telekom'], domains: ['telekom.de', 't-online.de', 'telekom.com'] },
  { name: 'Vodafone', words: ['vodafone'], domains: ['vodafone.de', 'vodafone.com'] },
  { name: 'Elster', words: ['elster'], domains: ['elster.de'] },
  { name: 'Finanzamt', words: ['finanzamt'], domains: ['elster.de', 'bzst.de'] },
];
