import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { registerRetentionPatientRecord, statedYears } from './register-retention-patient-record.rule';

type Treatment = ReturnType<typeof healthTreatment>;
const run = (t: Treatment) =>
  registerRetentionPatientRecord.evaluate(new SnapshotIndex(makeSnapshot({ treatments: [t] })));
const health = (retention?: string) => [
  { category: 'health' as const, label: 'Dossier médical', health: true, article9: true, retention },
];

describe('register.retention-patient-record', () => {
  it('reads the longest number of years a retention states', () => {
    expect(statedYears('20 ans à compter du dernier séjour')).toBe(20);
    expect(statedYears('1 an, puis archivage 10 années')).toBe(10);
    expect(statedYears('10 years after the last visit')).toBe(10);
    expect(statedYears('durée fixée par l’établissement')).toBeUndefined();
  });

  it('suggests the CSP R.1112-7 value, as information, for a patient record without retention', () => {
    const findings = run(healthTreatment({ dataCategories: health() }));
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ ruleId: 'register.retention-patient-record', severity: 'info', subject: { id: 't' } });
    expect(f.evidence).toMatchObject({
      recorded: [],
      statedYears: null,
      suggestedYears: 20,
      patientRecord: 'inferred',
    });
    expect(f.message.fr).toMatch(
      /^Traitement « Dossier patient » : aucune durée de conservation n'est enregistrée ; pour un dossier patient, le CSP prévoit : 20 ans à compter/,
    );
    expect(f.message.en).toContain("until the patient's 28th birthday");
    expect(f.reference.fr).toBe('CSP R.1112-7 ; RGPD art. 5(1)(e), 30(1)(f)');
  });

  it('shows a shorter stated retention, or one that states no years, with the suggested value', () => {
    const [short] = run(healthTreatment({ dataCategories: health('10 ans') }));
    expect(short.evidence).toMatchObject({ recorded: ['10 ans'], statedYears: 10 });
    expect(short.message.en).toContain('the recorded retention ("10 ans") is 10 year(s)');
    const [vague] = run(
      healthTreatment({ retention: 'selon la politique de l’établissement', dataCategories: health() }),
    );
    expect(vague.message.en).toContain('states no number of years');
  });

  it('says nothing when the retention states at least 20 years, overall or for the health data', () => {
    expect(run(healthTreatment({ dataCategories: health('20 ans après le dernier séjour') }))).toEqual([]);
    expect(run(healthTreatment({ retention: '30 ans', dataCategories: health('5 ans') }))).toEqual([]);
  });

  it('infers a patient record from the name or purposes with health data, and follows patientRecord when set', () => {
    const appointments = healthTreatment({
      name: 'Prise de rendez-vous',
      purposes: ['Rendez-vous'],
      dataCategories: health(),
    });
    expect(run(appointments)).toEqual([]);
    expect(
      run(
        healthTreatment({
          name: 'Prise de rendez-vous',
          purposes: ['Rendez-vous'],
          dataCategories: health(),
          patientRecord: true,
        }),
      ),
    ).toHaveLength(1);
    expect(run(healthTreatment({ name: 'DPI', dataCategories: health() }))).toHaveLength(1);
    expect(
      run(
        healthTreatment({ name: 'Prise en charge', purposes: ['Tenue du dossier médical'], dataCategories: health() }),
      ),
    ).toHaveLength(1);
    expect(run(healthTreatment({ dataCategories: health(), patientRecord: false }))).toEqual([]);
    const noHealth = healthTreatment({ dataCategories: [{ category: 'identity' as const, label: 'Nom' }] });
    expect(run(noHealth)).toEqual([]);
    expect(run(healthTreatment({ role: 'processor', controllers: [{ name: 'C' }], dataCategories: health() }))).toEqual(
      [],
    );
  });
});
