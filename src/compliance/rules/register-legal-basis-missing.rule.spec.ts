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
