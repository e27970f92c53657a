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
