import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { registerRetentionMissing } from './register-retention-missing.rule';

const identity = (retention?: string) => ({ category: 'identity' as const, label: 'Identité', retention });
const health = (retention?: string) => ({
  category: 'health' as const,
  label: 'Données de santé',
  health: true,
  article9: true,
  retention,
});

function run(treatments: ReturnType<typeof healthTreatment>[]) {
  return registerRetentionMissing.evaluate(new SnapshotIndex(makeSnapshot({ treatments })));
}

describe('register.retention-missing', () => {
  it('reports nothing when every data category has a retention period', () => {
    expect(run([healthTreatment({ dataCategories: [identity('5 ans'), health('20 ans')] })])).toEqual([]);
  });

  it('accepts a retention period for the treatment as a whole instead of per category', () => {
    expect(run([healthTreatment({ retention: '20 ans', dataCategories: [identity(), health()] })])).toEqual([]);
  });

  it('reports the categories without retention when only some have one', () => {
    const findings = run([healthTreatment({ dataCategories: [identity(), health('20 ans')] })]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('register.retention-missing');
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ type: 'treatment', id: 't', name: 'Dossier patient' });
    expect(f.detail).toBeUndefined();
    expect(f.evidence).toEqual({ categoriesWithoutRetention: ['Identité'] });
    expect(f.reference.en).toBe('GDPR Art. 30(1)(f), 5(1)(e)');
    expect(f.message.en).toBe('No retention period for 1 data category of treatment "Dossier patient".');
    expect(f.message.fr).toBe(
      'Aucune durée de conservation pour 1 catégorie(s) de données du traitement « Dossier patient ».',
    );
    expect(f.remediation.en).toContain('Set a retention period');
  });

  it('uses the plural for several categories without retention', () => {
    const [f] = run([healthTreatment({ dataCategories: [identity(), health()] })]);
    expect(f.evidence).toEqual({ categoriesWithoutRetention: ['Identité', 'Données de santé'] });
    expect(f.message.en).toBe('No retention period for 2 data categories of treatment "Dossier patient".');
  });

  it('reports a treatment with no data category and no retention', () => {
    const findings = run([healthTreatment({ dataCategories: [] })]);
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence).toEqual({ categoriesWithoutRetention: [] });
    expect(findings[0].message.en).toBe('Treatment "Dossier patient" gives no retention period.');
  });

  it('checks joint-controller treatments', () => {
    const findings = run([
      healthTreatment({ role: 'joint-controller', jointControllers: [{ name: 'GHT' }], dataCategories: [health()] }),
    ]);
    expect(findings.map((f) => f.subject.id)).toEqual(['t']);
  });

  it('leaves processor treatments alone: the controller sets retention', () => {
    expect(run([healthTreatment({ role: 'processor', dataCategories: [health()] })])).toEqual([]);
  });

  it('ignores retired treatments and checks treatments under option', () => {
    const findings = run([
      healthTreatment({ key: 'old', status: 'retired', dataCategories: [health()] }),
      healthTreatment({ key: 'opt', status: 'option', dataCategories: [health()] }),
    ]);
    expect(findings.map((f) => f.subject.id)).toEqual(['opt']);
  });
});

describe('register.retention-missing: texts in French and English', () => {
  it('describes the rule in both languages', () => {
    expect(registerRetentionMissing).toMatchObject({
      id: 'register.retention-missing',
      severity: 'warning',
      title: { fr: 'Durée de conservation non renseignée', en: 'Retention period missing' },
      reference: { fr: 'RGPD art. 30(1)(f), 5(1)(e)', en: 'GDPR Art. 30(1)(f), 5(1)(e)' },
      description: {
        fr: "Un traitement dont l'organisation est responsable n'indique pas de durée de conservation, ni globale ni pour chaque catégorie de données.",
        en: 'A treatment the organisation controls gives no retention period, neither overall nor for each data category.',
      },
    });
  });

  it('words a treatment without any retention in French, with the reference and remediation in both languages', () => {
    const [f] = run([healthTreatment({ dataCategories: undefined })]);
    expect(f.message.fr).toBe("Le traitement « Dossier patient » n'indique aucune durée de conservation.");
    expect(f.evidence).toEqual({ categoriesWithoutRetention: [] });
    expect(f.reference).toEqual({ fr: 'RGPD art. 30(1)(f), 5(1)(e)', en: 'GDPR Art. 30(1)(f), 5(1)(e)' });
    expect(f.remediation).toEqual({
      fr: 'Fixer une durée de conservation (ou un critère) pour le traitement ou pour chaque catégorie de données.',
      en: 'Set a retention period (or criterion) for the treatment or for each data category.',
    });
  });

  it('counts the categories without retention in French', () => {
    const [f] = run([healthTreatment({ dataCategories: [identity(), health(), identity('1 an')] })]);
    expect(f.message.fr).toBe(
      'Aucune durée de conservation pour 2 catégorie(s) de données du traitement « Dossier patient ».',
    );
  });
});
