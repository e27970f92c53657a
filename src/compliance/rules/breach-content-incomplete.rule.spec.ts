import type { CreateBreachDto } from '../../breaches/breach.dto';
import { organisationWith, runRule } from '../testing';
import { BREACH_CONTENT, breachContentIncomplete } from './breach-content-incomplete.rule';

/** A breach record holding every item of Art. 33(3). */
const complete = (overrides: Partial<CreateBreachDto> = {}): CreateBreachDto => ({
  key: 'b',
  title: 'Fuite',
  riskLevel: 'risk',
  nature: 'Accès non autorisé',
  dataCategories: ['Santé'],
  subjectCategories: ['Patients'],
  approxSubjects: 0,
  approxRecords: 0,
  consequences: 'Divulgation',
  measures: ['Mots de passe changés'],
  ...overrides,
});

const run = (breaches: CreateBreachDto[], organisation = organisationWith({})) =>
  runRule(breachContentIncomplete, { organisation, breaches });

describe('breach.content-incomplete', () => {
  it('lists the eight items of Art. 33(3)', () => {
    expect(BREACH_CONTENT.map((c) => c.item)).toEqual([
      'nature',
      'dataCategories',
      'subjectCategories',
      'approxSubjects',
      'approxRecords',
      'dpo',
      'consequences',
      'measures',
    ]);
  });

  it('reports nothing for a complete record (zero counts are counts)', () => {
    expect(run([complete()])).toEqual([]);
  });

  it('warns, before the CNIL is notified, of every missing item', () => {
    const bare: CreateBreachDto = { key: 'b', title: 'Fuite', riskLevel: 'high' };
    const findings = run([bare], organisationWith({ dpo: { name: 'DPO' } }));
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({
      ruleId: 'breach.content-incomplete',
      severity: 'warning',
      subject: { type: 'breach', id: 'b', name: 'Fuite' },
    });
    expect(f.evidence).toEqual({ missing: BREACH_CONTENT.map((c) => c.item), notifiedToCnil: false });
    expect(f.reference).toEqual({ fr: 'RGPD art. 33(3), 33(4)', en: 'GDPR Art. 33(3), 33(4)' });
    expect(f.message.en).toBe(
      'Breach "Fuite": missing nature of the breach, categories of data, categories of data subjects, approximate number of data subjects, approximate number of records, DPO contact details, likely consequences, measures taken or proposed.',
    );
    expect(f.message.fr).toBe(
      "Violation « Fuite » : il manque nature de la violation, catégories de données, catégories de personnes, nombre approximatif de personnes, nombre approximatif d'enregistrements, coordonnées du DPO, conséquences probables, mesures prises ou envisagées.",
    );
    expect(f.remediation?.en).toBe('Gather this information before notifying (or notify in phases, Art. 33(4)).');
    expect(f.remediation?.fr).toBe('Réunir ces informations avant de notifier (ou notifier par phases, art. 33(4)).');
  });

  it('is an error once the CNIL has been notified', () => {
    const notified = complete({
      consequences: undefined,
      notifications: [{ from: 'organisation', to: 'cnil', at: '2026-05-02T10:00:00+02:00' }],
    });
    const [f] = run([notified]);
    expect(f.severity).toBe('error');
    expect(f.evidence).toEqual({ missing: ['consequences'], notifiedToCnil: true });
    expect(f.remediation?.en).toBe('Send the CNIL a complementary notification (Art. 33(4)).');
    expect(f.remediation?.fr).toBe('Adresser une notification complémentaire à la CNIL (art. 33(4)).');
  });

  it('does not count a notification to another party as the CNIL’s', () => {
    const toController = complete({
      nature: undefined,
      notifications: [{ from: 'organisation', to: 'controller', at: '2026-05-02T10:00:00+02:00' }],
    });
    expect(run([toController])[0]).toMatchObject({ severity: 'warning', evidence: { notifiedToCnil: false } });
  });

  it.each([
    ['nature', { nature: '' }],
    ['dataCategories', { dataCategories: [] }],
    ['subjectCategories', { subjectCategories: [] }],
    ['approxSubjects', { approxSubjects: undefined }],
    ['approxRecords', { approxRecords: undefined }],
    ['consequences', { consequences: '' }],
    ['measures', { measures: [] }],
  ] as [string, Partial<CreateBreachDto>][])('finds %s missing when empty or absent', (item, overrides) => {
    expect(run([complete(overrides)]).map((f) => f.evidence.missing)).toEqual([[item]]);
  });

  it('takes the DPO contact from the organisation: an email or a phone number', () => {
    expect(run([complete()], organisationWith({ dpo: { name: 'DPO', phone: '0102030405' } }))).toEqual([]);
    expect(run([complete()], organisationWith({ dpo: undefined })).map((f) => f.evidence.missing)).toEqual([['dpo']]);
    expect(run([complete()], organisationWith({ dpo: { name: 'DPO' } })).map((f) => f.evidence.missing)).toEqual([
      ['dpo'],
    ]);
  });

  it('says nothing of a breach whose risk is unlikely (no notification to make)', () => {
    expect(run([{ key: 'b', title: 'Fuite', riskLevel: 'unlikely' }])).toEqual([]);
  });

  it('reports each incomplete breach', () => {
    const findings = run([
      complete({ nature: undefined }),
      complete({ key: 'b2' }),
      complete({ key: 'b3', measures: [] }),
    ]);
    expect(findings.map((f) => f.subject.id)).toEqual(['b', 'b3']);
  });
});

describe('breach.content-incomplete: catalog entry and edges', () => {
  it('describes the rule in French and English', () => {
    expect(breachContentIncomplete).toMatchObject({
      id: 'breach.content-incomplete',
      severity: 'error',
      title: { fr: 'Contenu de notification incomplet', en: 'Breach notification content incomplete' },
      reference: { fr: 'RGPD art. 33(3), 33(4)', en: 'GDPR Art. 33(3), 33(4)' },
      description: {
        fr: "Une violation à notifier ne réunit pas les informations de l'article 33(3) : erreur si la CNIL a déjà été notifiée (à compléter, art. 33(4)), avertissement sinon.",
        en: 'A breach to notify lacks the Art. 33(3) information: an error once the CNIL has been notified (to complete, Art. 33(4)), a warning before.',
      },
    });
  });

  it('treats absent lists like empty ones', () => {
    const findings = run([complete({ dataCategories: undefined, subjectCategories: undefined, measures: undefined })]);
    expect(findings.map((f) => f.evidence.missing)).toEqual([['dataCategories', 'subjectCategories', 'measures']]);
  });

  it('names one missing item alone, in both languages', () => {
    const [f] = run([complete({ approxRecords: undefined })]);
    expect(f.message).toEqual({
      fr: "Violation « Fuite » : il manque nombre approximatif d'enregistrements.",
      en: 'Breach "Fuite": missing approximate number of records.',
    });
  });

  it('finds the CNIL among several notifications', () => {
    const [f] = run([
      complete({
        nature: undefined,
        notifications: [
          { from: 'organisation', to: 'controller', at: '2026-05-02T10:00:00+02:00' },
          { from: 'organisation', to: 'cnil', at: '2026-05-02T11:00:00+02:00' },
        ],
      }),
    ]);
    expect(f).toMatchObject({ severity: 'error', evidence: { notifiedToCnil: true } });
  });
});
