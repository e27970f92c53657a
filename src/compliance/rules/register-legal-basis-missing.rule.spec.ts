import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { registerLegalBasisMissing } from './register-legal-basis-missing.rule';

const IDENTITY = { category: 'identity' as const, label: 'Identité', retention: '5 ans' };

function run(treatments: ReturnType<typeof healthTreatment>[]) {
  return registerLegalBasisMissing.evaluate(new SnapshotIndex(makeSnapshot({ treatments })));
}

describe('register.legal-basis-missing', () => {
  it('reports nothing for a health treatment with an Art. 6 basis and an Art. 9(2) condition', () => {
    expect(run([healthTreatment()])).toEqual([]);
  });

  it('needs no Art. 9(2) condition when the treatment holds no special-category data', () => {
    expect(run([healthTreatment({ legalBasis: { article6: ['contract'] }, dataCategories: [IDENTITY] })])).toEqual([]);
  });

  it('reports a treatment without any legal basis, twice when it holds health data', () => {
    const findings = run([healthTreatment({ legalBasis: undefined })]);
    expect(findings.map((f) => f.detail)).toEqual(['article6', 'article9']);
    const [art6, art9] = findings;
    for (const f of findings) {
      expect(f.ruleId).toBe('register.legal-basis-missing');
      expect(f.severity).toBe('warning');
      expect(f.subject).toEqual({ type: 'treatment', id: 't', name: 'Dossier patient' });
    }
    expect(art6.evidence).toEqual({ legalBasis: null });
    expect(art6.reference.en).toBe('GDPR Art. 6(1)');
    expect(art6.message.en).toBe('Treatment "Dossier patient" has no legal basis (Art. 6).');
    expect(art6.remediation.en).toBe('Record the Art. 6(1) legal basis.');
    expect(art9.evidence).toEqual({ specialCategories: ['Données de santé'] });
    expect(art9.reference.en).toBe('GDPR Art. 9(2)');
    expect(art9.message.en).toBe(
      'Treatment "Dossier patient" processes special-category data without an Art. 9(2) condition.',
    );
  });

  it('reports an empty Art. 6 list and shows the basis recorded', () => {
    const findings = run([healthTreatment({ legalBasis: { article6: [], article9: ['h'] } })]);
    expect(findings).toHaveLength(1);
    expect(findings[0].detail).toBe('article6');
    expect(findings[0].evidence).toEqual({ legalBasis: { article6: [], article9: ['h'] } });
  });

  it('reports Art. 9 data without an Art. 9(2) condition', () => {
    const findings = run([
      healthTreatment({
        legalBasis: { article6: ['public-task'] },
        dataCategories: [IDENTITY, { category: 'sensitive', label: 'Origine ethnique', article9: true }],
      }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0].detail).toBe('article9');
    expect(findings[0].evidence).toEqual({ specialCategories: ['Origine ethnique'] });
  });

  it('treats data of the CNIL category "health" as Art. 9 data even without the health flag', () => {
    const findings = run([
      healthTreatment({
        legalBasis: { article6: ['public-task'] },
        dataCategories: [{ category: 'health', label: 'Comptes rendus', retention: '20 ans' }],
      }),
    ]);
    expect(findings.map((f) => f.detail)).toEqual(['article9']);
  });

  it('treats data of the CNIL category "sensitive" as Art. 9 data even without the flag', () => {
    const findings = run([
      healthTreatment({
        legalBasis: { article6: ['public-task'] },
        dataCategories: [IDENTITY, { category: 'sensitive', label: 'Opinions religieuses', retention: '1 an' }],
      }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence).toEqual({ specialCategories: ['Opinions religieuses'] });
  });

  it('checks joint-controller treatments', () => {
    const findings = run([
      healthTreatment({
        role: 'joint-controller',
        jointControllers: [{ name: 'GHT' }],
        legalBasis: { article9: ['h'] },
      }),
    ]);
    expect(findings.map((f) => f.detail)).toEqual(['article6']);
  });

  it('leaves processor treatments alone: the controller chooses the basis', () => {
    expect(
      run([healthTreatment({ role: 'processor', controllers: [{ name: 'Client' }], legalBasis: undefined })]),
    ).toEqual([]);
  });

  it('ignores retired treatments', () => {
    expect(run([healthTreatment({ status: 'retired', legalBasis: undefined })])).toEqual([]);
  });
});

describe('register.legal-basis-missing: texts in French and English', () => {
  it('describes the rule in both languages', () => {
    expect(registerLegalBasisMissing).toMatchObject({
      id: 'register.legal-basis-missing',
      severity: 'warning',
      title: { fr: 'Base légale non renseignée', en: 'Legal basis missing' },
      reference: { fr: 'RGPD art. 6(1), 9(2)', en: 'GDPR Art. 6(1), 9(2)' },
      description: {
        fr: "Un traitement dont l'organisation est responsable n'a pas de base légale (art. 6), ou traite des données de l'article 9 sans condition de l'article 9(2).",
        en: 'A treatment the organisation controls has no legal basis (Art. 6), or processes Art. 9 data without an Art. 9(2) condition.',
      },
    });
  });

  it('words both findings in French, with their references and remediations in both languages', () => {
    const [art6, art9] = run([healthTreatment({ legalBasis: undefined })]);
    expect(art6.message.fr).toBe("Le traitement « Dossier patient » n'a pas de base légale (art. 6).");
    expect(art6.reference).toEqual({ fr: 'RGPD art. 6(1)', en: 'GDPR Art. 6(1)' });
    expect(art6.remediation).toEqual({
      fr: "Indiquer la base légale de l'article 6(1).",
      en: 'Record the Art. 6(1) legal basis.',
    });
    expect(art9.message.fr).toBe(
      "Le traitement « Dossier patient » traite des données sensibles sans condition de l'article 9(2).",
    );
    expect(art9.reference).toEqual({ fr: 'RGPD art. 9(2)', en: 'GDPR Art. 9(2)' });
    expect(art9.remediation).toEqual({
      fr: "Indiquer l'exception de l'article 9(2) invoquée (par ex. 9(2)(h) pour les soins).",
      en: 'Record the Art. 9(2) condition relied on (e.g. 9(2)(h) for health care).',
    });
  });

  it('lists only the special categories, flagged health or Art. 9 or of a special category', () => {
    const findings = run([
      healthTreatment({
        legalBasis: { article6: ['public-task'], article9: [] },
        dataCategories: [
          IDENTITY,
          { category: 'identity', label: 'Notes de soins', health: true },
          { category: 'identity', label: 'Opinions', article9: true },
          { category: 'health', label: 'Comptes rendus' },
        ],
      }),
    ]);
    expect(findings.map((f) => f.evidence)).toEqual([
      { specialCategories: ['Notes de soins', 'Opinions', 'Comptes rendus'] },
    ]);
  });

  it('needs no Art. 9(2) condition for a treatment without data categories', () => {
    expect(run([healthTreatment({ legalBasis: { article6: ['contract'] }, dataCategories: undefined })])).toEqual([]);
  });
});
