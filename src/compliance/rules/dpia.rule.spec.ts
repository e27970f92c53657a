import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { dpiaMissing } from './dpia-missing.rule';
import { dpiaReviewDue } from './dpia-review-due.rule';

type Treatment = ReturnType<typeof healthTreatment>;
const ctx = (treatments: Treatment[], asOf = '2026-06-01') => new SnapshotIndex(makeSnapshot({ asOf, treatments }));
const missing = (t: Treatment, asOf?: string) => dpiaMissing.evaluate(ctx([t], asOf));
const review = (t: Treatment, asOf?: string) => dpiaReviewDue.evaluate(ctx([t], asOf));
const IDENTITY = [{ category: 'identity' as const, label: 'Nom', retention: '3 ans' }];

describe('dpia.missing', () => {
  it('infers two criteria from health data of patients and warns when no DPIA is recorded', () => {
    const findings = missing(healthTreatment());
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ ruleId: 'dpia.missing', severity: 'warning', subject: { type: 'treatment', id: 't' } });
    expect(f.evidence).toEqual({
      criteria: [],
      inferredCriteria: ['sensitive-data', 'vulnerable-subjects'],
      cnilList: [],
      threshold: 2,
      status: null,
    });
    expect(f.message.fr).toBe(
      "Le traitement « Dossier patient » appelle une analyse d'impact (critères : Données sensibles (art. 9) ou à caractère hautement personnel ; Personnes vulnérables (patients, enfants, personnes âgées, salariés…)) : aucune AIPD n'est enregistrée.",
    );
    expect(f.remediation.en).toMatch(/^Confirm the criteria/);
  });

  it('needs two criteria: health data alone, or patients alone, is one', () => {
    expect(missing(healthTreatment({ dataSubjects: ['Fournisseurs'] }))).toEqual([]);
    expect(missing(healthTreatment({ dataCategories: IDENTITY }))).toEqual([]);
  });

  it.each(['Patients hospitalisés', 'Résidents de l’EHPAD', 'ÉLÈVES', 'Salariés', 'Personnes âgées', 'children'])(
    'reads "%s" as vulnerable data subjects, whatever the case and accents',
    (subjects) => {
      expect(missing(healthTreatment({ dataSubjects: [subjects] }))).toHaveLength(1);
    },
  );

  it('is an error when the record states the criteria or the CNIL list, and no DPIA is done', () => {
    const stated = healthTreatment({
      dataCategories: IDENTITY,
      dataSubjects: ['Clients'],
      dpia: { criteria: ['large-scale', 'systematic-monitoring'] },
    });
    expect(missing(stated).map((f) => [f.severity, f.evidence.criteria])).toEqual([
      ['error', ['large-scale', 'systematic-monitoring']],
    ]);
    const listed = healthTreatment({ dpia: { cnilList: ['health-establishment-care'], status: 'to-do' } });
    const [f] = missing(listed);
    expect(f.severity).toBe('error');
    expect(f.message.en).toBe(
      'Treatment "Dossier patient" calls for an impact assessment (CNIL list: Health data processed by a health or medico-social establishment for patient care (other than by an individual practitioner)): the DPIA is still to do.',
    );
    expect(f.remediation.en).toMatch(/^Carry out the DPIA before processing starts/);
  });

  it('counts a criterion once, whether stated or inferred', () => {
    const t = healthTreatment({ dataSubjects: ['Fournisseurs'], dpia: { criteria: ['sensitive-data'] } });
    expect(missing(t)).toEqual([]);
  });

  it('is answered by a DPIA done or to review, and by "not needed" except for the CNIL list', () => {
    expect(missing(healthTreatment({ dpia: { status: 'done', doneOn: '2025-01-10' } }))).toEqual([]);
    expect(missing(healthTreatment({ dpia: { status: 'to-review' } }))).toEqual([]);
    expect(missing(healthTreatment({ dpia: { status: 'not-needed', reason: 'Cabinet individuel' } }))).toEqual([]);
    const [f] = missing(
      healthTreatment({ dpia: { cnilList: ['genetic-large-scale'], status: 'not-needed', reason: 'volume faible' } }),
    );
    expect(f.severity).toBe('error');
    expect(f.message.en).toContain('the DPIA is recorded as not needed, although the CNIL list requires one');
  });

  it("leaves a processor's treatment to its controllers, and ignores retired treatments", () => {
    expect(missing(healthTreatment({ role: 'processor', controllers: [{ name: 'Clinique' }] }))).toEqual([]);
    expect(missing(healthTreatment({ status: 'retired' }))).toEqual([]);
    expect(missing(healthTreatment({ role: 'joint-controller', jointControllers: [{ name: 'GHT' }] }))).toHaveLength(1);
  });
});

describe('dpia.review-due', () => {
  const done = (reviewOn?: string) => healthTreatment({ dpia: { status: 'done', doneOn: '2023-05-01', reviewOn } });

  it('reports a DPIA the day after its review date, not on it', () => {
    expect(review(done('2026-06-01'))).toEqual([]);
    const [f] = review(done('2026-06-01'), '2026-06-02');
    expect(f).toMatchObject({ ruleId: 'dpia.review-due', severity: 'warning' });
    expect(f.evidence).toEqual({ status: 'done', doneOn: '2023-05-01', reviewOn: '2026-06-01', asOf: '2026-06-02' });
    expect(f.message.fr).toBe(
      "L'AIPD du traitement « Dossier patient » (réalisée le 2023-05-01) devait être réexaminée le 2026-06-01 au plus tard.",
    );
  });

  it('reports a DPIA recorded as to review, and nothing without a review date', () => {
    expect(review(healthTreatment({ dpia: { status: 'to-review' } })).map((f) => f.message.en)).toEqual([
      'The DPIA of treatment "Dossier patient" is recorded as to review.',
    ]);
    expect(review(done())).toEqual([]);
    expect(review(healthTreatment())).toEqual([]);
  });

  it('ignores "not needed", processor treatments and retired treatments', () => {
    expect(review(healthTreatment({ dpia: { status: 'not-needed', reason: 'x', reviewOn: '2020-01-01' } }))).toEqual(
      [],
    );
    const dpia = { status: 'done' as const, doneOn: '2019-01-01', reviewOn: '2020-01-01' };
    expect(review(healthTreatment({ dpia, role: 'processor', controllers: [{ name: 'C' }] }))).toEqual([]);
    expect(review(healthTreatment({ dpia, status: 'retired' }))).toEqual([]);
    expect(review(healthTreatment({ dpia }))).toHaveLength(1);
  });
});
