import addressparser from 'nodemailer/lib/addressparser';
import { describe, expect, it } from 'vitest';
import { decodeHeaderWords, parseAddresses } from '../../../main/mime/addresses';
import { generateMessage } from '../../fixtures/message-generator';

/** What addressparser alone makes of a value: the answer the quick path for simple mailboxes must give too. */
function byAddressparser(value: string) {
  return addressparser(value, { flatten: true }).flatMap((entry) => {
    if (!('address' in entry) || !entry.address) return [];
    const name = decodeHeaderWords(entry.name ?? '').trim();
    return [name ? { name, address: entry.address } : { address: entry.address }];
  });
}

const values = [
  'ivan@example.test',
  '  ivan@example.test ',
  '<ivan@example.test>',
  'Ivan Petrov <ivan@example.test>',
  '"Ivan Petrov" <ivan@example.test>',
  '"Petrov, Ivan" <ivan@example.test>',
  '"  spaced  " <s@example.test>',
  '"" <empty@example.test>',
  '=?UTF-8?B?SsO8cmdlbg==?= <j@example.test>',
  '=?ISO-8859-1?Q?J=F6rg?= =?ISO-8859-1?Q?_M=FCller?= <jm@example.test>',
  '"=?UTF-8?Q?Caf=C3=A9?=" <cafe@example.test>',
  'Ivan   Petrov <ivan@example.test>',
  'J. Smith <js@example.test>',
  'a@example.test, b@example.test',
  '"Desk \\"A\\"" <desk@example.test>',
  'Team: a@example.test, b@example.test;',
  'undisclosed-recipients:;',
  'ivan@example.test (Ivan Petrov)',
  'Ivan <ivan@[192.0.2.1]>',
  'no address at all',
  'Ivan <not an address>',
  'ivan',
  'Ivan <ivan@example.test> trailing',
  '<a@b> <c@d>',
  '"Carol Smith" <carol@corp.example>, dave@corp.example',
  'a@example.test,b@example.test',
  '"Smith, John" <js@example.test>, "Doe, Jane" <jd@example.test>',
  'Ivan Petrov <ivan@example.test>, =?UTF-8?B?SsO8cmdlbg==?= <j@example.test>',
  'a@example.test, , b@example.test',
  'a@example.test,',
  ', a@example.test',
  '"Ivan" <ivan@example.test>, "Unclosed <u@example.test>',
  'a@example.test, Team: b@example.test;',
  'a@example.test, b@example.test (Bee)',
  '"Desk \\"A\\"" <desk@example.test>, b@example.test',
];

describe('parseAddresses', () => {
  it.each(values)('reads %j as addressparser does', (value) => {
    expect(parseAddresses(value)).toEqual(byAddressparser(value));
  });

  it('reads every From and To of generated mail as addressparser does', () => {
    for (let i = 0; i < 300; i++) {
      const raw = generateMessage(i).raw.toString('utf8');
      for (const field of raw.split('\r\n\r\n')[0]!.split('\r\n').filter((line) => /^(from|to|cc):/i.test(line))) {
        const value = field.slice(field.indexOf(':') + 1);
        expect(parseAddresses(value)).toEqual(byAddressparser(value));
      }
    }
  });
});
