import { parseDelimited } from './delimited';

describe('parseDelimited', () => {
  it('reads French CSV (semicolons, quotes, line breaks inside quotes)', () => {
    const text = 'Nom;Finalité;Pays\r\n"OVH; Cloud";"Hébergement\nHDS";France\r\nTwilio;"SMS ""2FA""";US\r\n';
    expect(parseDelimited(text)).toEqual([
      ['Nom', 'Finalité', 'Pays'],
      ['OVH; Cloud', 'Hébergement\nHDS', 'France'],
      ['Twilio', 'SMS "2FA"', 'US'],
    ]);
  });

  it('reads comma CSV, tab-separated text pasted from a web page, and Markdown tables', () => {
    expect(parseDelimited('name,purpose,location\nAWS,Hosting,"Ireland, Germany"\n')).toEqual([
      ['name', 'purpose', 'location'],
      ['AWS', 'Hosting', 'Ireland, Germany'],
    ]);
    expect(parseDelimited('Entity\tService\tCountry\nStripe\tPayments, billing\tUS\n')).toEqual([
      ['Entity', 'Service', 'Country'],
      ['Stripe', 'Payments, billing', 'US'],
    ]);
    expect(parseDelimited('| Name | Country |\n|---|:---:|\n| Mailgun | US |\n| A \\| B | FR |\n')).toEqual([
      ['Name', 'Country'],
      ['Mailgun', 'US'],
      ['A | B', 'FR'],
    ]);
  });

  it('keeps what looks like a formula as text', () => {
    expect(parseDelimited('a;b\n=HYPERLINK("http://x");@SUM(1)\n')[1]).toEqual(['=HYPERLINK("http://x")', '@SUM(1)']);
  });
});
