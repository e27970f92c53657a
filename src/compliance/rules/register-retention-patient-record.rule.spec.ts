import { REFERENCE } from '../../reference/reference-data';
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

describe('register.retention-patient-record: texts and edges', () => {
  const { suggestion } = REFERENCE.retention.patientRecord;

  it('describes the rule in French and English', () => {
    expect(registerRetentionPatientRecord).toMatchObject({
      id: 'register.retention-patient-record',
      severity: 'info',
      title: { fr: 'Conservation du dossier patient (CSP R.1112-7)', en: 'Patient-record retention (CSP R.1112-7)' },
      reference: {
        fr: 'CSP R.1112-7 ; RGPD art. 5(1)(e), 30(1)(f)',
        en: 'CSP R.1112-7; GDPR Art. 5(1)(e), 30(1)(f)',
      },
      description: {
        fr: "Pour un dossier patient d'établissement de santé, la durée de conservation enregistrée est absente ou inférieure aux 20 ans de l'article R.1112-7 du CSP : la valeur suggérée est indiquée, jamais appliquée d'office.",
        en: "For a health establishment's patient record, the recorded retention is missing or shorter than the 20 years of CSP art. R.1112-7: the suggested value is shown, never applied silently.",
      },
    });
  });

  it('words a missing retention in both languages, with the full evidence and remediation', () => {
    const [f] = run(healthTreatment({ dataCategories: health() }));
    expect(f.message).toEqual({
      fr: `Traitement « Dossier patient » : aucune durée de conservation n'est enregistrée ; pour un dossier patient, le CSP prévoit : ${suggestion.fr}`,
      en: `Treatment "Dossier patient": no retention is recorded; for a patient record the CSP provides: ${suggestion.en}`,
    });
    expect(f.subject).toEqual({ type: 'treatment', id: 't', name: 'Dossier patient' });
    expect(f.reference.en).toBe('CSP R.1112-7; GDPR Art. 5(1)(e), 30(1)(f)');
    expect(f.evidence).toEqual({
      recorded: [],
      statedYears: null,
      suggestedYears: 20,
      suggestion: suggestion.fr,
      patientRecord: 'inferred',
    });
    expect(f.remediation).toEqual({
      fr: "Vérifier la durée applicable (dossier d'établissement de santé : CSP R.1112-7) et l'enregistrer ; si ce n'est pas un dossier médical d'établissement, l'indiquer (patientRecord: false).",
      en: "Check the applicable period (health-establishment record: CSP R.1112-7) and record it; if this is no establishment's medical record, say so (patientRecord: false).",
    });
  });

  it('words a shorter retention in both languages, quoting the treatment retention first', () => {
    const [f] = run(healthTreatment({ retention: '19 ans', dataCategories: health('5 ans'), patientRecord: true }));
    expect(f.message).toEqual({
      fr: `Traitement « Dossier patient » : la durée enregistrée (« 19 ans ») est de 19 an(s) ; pour un dossier patient, le CSP prévoit : ${suggestion.fr}`,
      en: `Treatment "Dossier patient": the recorded retention ("19 ans") is 19 year(s); for a patient record the CSP provides: ${suggestion.en}`,
    });
    expect(f.evidence).toEqual({
      recorded: ['19 ans', '5 ans'],
      statedYears: 19,
      suggestedYears: 20,
      suggestion: suggestion.fr,
      patientRecord: true,
    });
  });

  it('words a retention stating no years in French', () => {
    const [f] = run(healthTreatment({ dataCategories: health('selon la politique') }));
    expect(f.message.fr).toBe(
      `Traitement « Dossier patient » : la durée enregistrée (« selon la politique ») n'indique pas de nombre d'années ; pour un dossier patient, le CSP prévoit : ${suggestion.fr}`,
    );
    expect(f.evidence).toMatchObject({ recorded: ['selon la politique'], statedYears: null });
  });

  it('reads the retention of health data only: flagged health or of the health category', () => {
    const categories = [
      { category: 'identity' as const, label: 'Nom', retention: '30 ans' },
      { category: 'identity' as const, label: 'Notes', health: true, retention: '10 ans' },
      { category: 'health' as const, label: 'Soins', retention: '12 ans' },
    ];
    const [f] = run(healthTreatment({ dataCategories: categories }));
    expect(f.evidence).toMatchObject({ recorded: ['10 ans', '12 ans'], statedYears: 12 });
  });

  it('finds a patient record named in English or by its name alone', () => {
    expect(run(healthTreatment({ name: 'Medical record', purposes: ['Care'], dataCategories: health() }))).toHaveLength(
      1,
    );
    expect(run(healthTreatment({ purposes: undefined, dataCategories: health() }))).toHaveLength(1);
    expect(
      run(healthTreatment({ name: 'Imagerie', purposes: ['Patient record keeping'], dataCategories: health() })),
    ).toHaveLength(1);
  });

  it('reads years written in every form, as whole numbers, the longest of them', () => {
    expect(statedYears('5 ans puis 30 ans')).toBe(30);
    expect(statedYears('20ans')).toBe(20);
    expect(statedYears('3 années')).toBe(3);
    expect(statedYears('1 year')).toBe(1);
    expect(statedYears('12 ANS')).toBe(12);
    expect(statedYears('article L20 ans')).toBeUndefined();
    expect(statedYears('6 mois')).toBeUndefined();
  });
});
