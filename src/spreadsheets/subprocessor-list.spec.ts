import type { BundleDto } from '../bundles/bundle.dto';
import { compareSubprocessorList, parseSubprocessorList, readLocation, safeguardKind } from './subprocessor-list';
import type { Table } from './table';

const csv = (text: string): Table => ({
  format: 'csv',
  notes: [],
  sheets: [
    {
      name: 'CSV',
      rows: text
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(';').map((v) => (v ? { text: v } : undefined))),
    },
  ],
});

const bundle = (): BundleDto =>
  ({
    format: 'registre-bundle',
    version: 1,
    organisation: { slug: 'x', name: 'X', country: 'FR', roles: ['controller'] },
    subcontractors: [
      { key: 'editeur', name: 'Éditeur SAS' },
      { key: 'ovh', name: 'OVH', legalName: 'OVH SAS' },
      { key: 'twilio', name: 'Twilio Inc.' },
      { key: 'sendgrid', name: 'SendGrid' },
    ],
    engagements: [
      { key: 'editeur-logiciel', provider: 'editeur', objectionWindowDays: 30 },
      { key: 'ovh-editeur', provider: 'ovh', client: 'editeur', processingCountries: ['FR'] },
      {
        key: 'twilio-editeur',
        provider: 'twilio',
        client: 'editeur',
        processingCountries: ['US'],
        transferSafeguards: [{ kind: 'scc-unspecified' }],
      },
      { key: 'sendgrid-editeur', provider: 'sendgrid', client: 'editeur', processingCountries: ['US'] },
    ],
    treatments: [],
  }) as unknown as BundleDto;

const compare = (text: string) =>
  compareSubprocessorList(bundle(), 'editeur-logiciel', parseSubprocessorList(csv(text)), {
    noticeReceivedAt: '2026-03-02T00:00:00+01:00',
    document: 'liste.csv',
  });

describe("a provider's list of sub-processors", () => {
  it('says so when nothing changed (names matched without legal forms, countries by name)', () => {
    const result = compare(
      'Sous-traitant;Finalité;Pays;Garanties\nOVH SAS;Hébergement;France;\nTwilio;SMS;États-Unis;Clauses contractuelles types\nSendGrid Inc;E-mails;USA;\n',
    );
    expect(result.changes).toEqual([]);
    expect(result.unchanged.map((u) => u.key)).toEqual(['ovh', 'twilio', 'sendgrid']);
  });

  it('proposes an addition, a removal, a relocation and a new safeguard, each as a dated notice', () => {
    const result = compare(
      'Entity;Purpose;Location;Transfer mechanism\nOVH;Hosting;France, Allemagne;\nTwilio;SMS;US;SCC 2021/914\nMailjet;E-mails;EU;\n',
    );
    expect(result.changes.map((c) => [c.kind, c.subprocessor.key, c.subprocessor.new])).toEqual([
      ['relocation', 'ovh', false],
      ['safeguard-change', 'twilio', false],
      ['addition', 'mailjet', true],
      ['removal', 'sendgrid', false],
    ]);
    const notices = result.incoming.collections.subprocessorChanges?.map((n) => n.record) ?? [];
    expect(
      notices.every((n) => n.noticeReceivedAt === '2026-03-02T00:00:00+01:00' && n.engagement === 'editeur-logiciel'),
    ).toBe(true);
    expect(result.incoming.collections.subcontractors?.map((s) => s.record)).toEqual([
      { key: 'mailjet', name: 'Mailjet', source: { document: 'liste.csv', section: 'ligne 4' } },
    ]);
    const engagements = result.incoming.collections.engagements?.map((e) => e.record) ?? [];
    expect(engagements.find((e) => e.key === 'ovh-editeur')).toMatchObject({ processingCountries: ['FR', 'DE'] });
    // The listed safeguard comes first; the one recorded before stays until the DPO removes it.
    expect(engagements.find((e) => e.key === 'twilio-editeur')).toMatchObject({
      transferSafeguards: [{ kind: 'scc-2021', details: 'SCC 2021/914' }, { kind: 'scc-unspecified' }],
    });
    expect(engagements.find((e) => e.key === 'mailjet-editeur')).toMatchObject({
      provider: 'mailjet',
      client: 'editeur',
      processingArea: 'eu',
      services: ['E-mails'],
    });
    expect(result.incoming.deletions).toEqual([{ collection: 'engagements', key: 'sendgrid-editeur' }]);
  });

  it('reads locations and safeguards by meaning; a wrong code goes to the validators', () => {
    expect(readLocation('Irlande / Pays-Bas')).toEqual({ countries: ['IE', 'NL'], area: undefined, unread: [] });
    expect(readLocation('Union européenne')).toEqual({ countries: [], area: 'eu', unread: [] });
    expect(readLocation('UK, Frankfurt')).toEqual({ countries: ['UK'], area: undefined, unread: ['Frankfurt'] });
    expect(
      ['Data Privacy Framework', 'CCT (non précisé)', 'BCR', 'N/A', 'Standard Contractual Clauses 2021'].map(
        safeguardKind,
      ),
    ).toEqual(['dpf', 'scc-unspecified', 'bcr', undefined, 'scc-2021']);
  });

  it('finds the header row by meaning, or reads a bare table in the usual order with a warning', () => {
    const bare = parseSubprocessorList(csv('OVH;Hébergement;France;\n'));
    expect(bare.entries.map((e) => [e.name, e.countries])).toEqual([['OVH', ['FR']]]);
    expect(bare.problems[0]).toMatchObject({ severity: 'warning', problem: expect.stringMatching(/no header row/) });
  });
});
