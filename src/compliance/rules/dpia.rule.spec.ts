import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { dpiaNeed, isControllerTreatment } from './dpia';
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

describe('dpia rules: catalog entries', () => {
  it('describes dpia.missing in French and English', () => {
    expect(dpiaMissing).toMatchObject({
      id: 'dpia.missing',
      severity: 'error',
      title: {
        fr: "Analyse d'impact (AIPD) non réalisée",
        en: 'Data protection impact assessment (DPIA) not carried out',
      },
      reference: {
        fr: 'RGPD art. 35(1), 35(4) ; CNIL, délibération 2018-327',
        en: 'GDPR Art. 35(1), 35(4); CNIL délibération 2018-327',
      },
      description: {
        fr: "Un traitement relève de la liste de la CNIL, ou réunit au moins 2 critères des lignes directrices WP248 (les données de santé de patients en réunissent deux), et aucune AIPD n'est enregistrée comme réalisée.",
        en: 'A treatment falls under the CNIL list, or meets at least 2 criteria of the WP248 guidelines (health data of patients meets two), and no DPIA is recorded as done.',
      },
    });
  });

  it('describes dpia.review-due in French and English', () => {
    expect(dpiaReviewDue).toMatchObject({
      id: 'dpia.review-due',
      severity: 'warning',
      title: { fr: "Analyse d'impact à réexaminer", en: 'DPIA due for review' },
      reference: { fr: 'RGPD art. 35(11)', en: 'GDPR Art. 35(11)' },
      description: {
        fr: "L'AIPD d'un traitement est plus ancienne que sa date de réexamen, ou elle est indiquée comme à réexaminer.",
        en: "A treatment's DPIA is older than its review date, or it is recorded as to review.",
      },
    });
  });
});

describe('dpiaNeed', () => {
  const need = (overrides: Record<string, unknown>) => {
    const t = healthTreatment(overrides);
    const index = ctx([t]);
    return dpiaNeed(index, index.snapshot.treatments[0]);
  };
  const category = (c: Record<string, unknown>) => [{ label: 'Catégorie', retention: '1 an', ...c }];

  it.each([
    ['flagged health', { category: 'identity', health: true }],
    ['flagged Art. 9', { category: 'identity', article9: true }],
    ['of the health category', { category: 'health' }],
    ['of the sensitive category', { category: 'sensitive' }],
    ['of the offences category', { category: 'offences' }],
  ])('infers sensitive data from a data category %s', (_what, c) => {
    expect(need({ dataSubjects: ['Clients'], dataCategories: category(c) })).toEqual({
      recorded: [],
      inferred: ['sensitive-data'],
      cnilList: [],
      required: false,
      likely: false,
    });
  });

  it('infers nothing from ordinary data of ordinary people', () => {
    expect(need({ dataSubjects: ['Clients'], dataCategories: IDENTITY }).inferred).toEqual([]);
    expect(
      need({ dataSubjects: ['Clients'], dataCategories: category({ category: 'economic-financial' }) }).inferred,
    ).toEqual([]);
    expect(need({ dataSubjects: undefined, dataCategories: undefined }).inferred).toEqual([]);
  });

  it('does not infer a criterion the record states already', () => {
    expect(need({ dpia: { criteria: ['sensitive-data', 'vulnerable-subjects'] } })).toEqual({
      recorded: ['sensitive-data', 'vulnerable-subjects'],
      inferred: [],
      cnilList: [],
      required: true,
      likely: false,
    });
  });

  it('counts a criterion stated twice once', () => {
    expect(
      need({ dataSubjects: ['Clients'], dataCategories: IDENTITY, dpia: { criteria: ['large-scale', 'large-scale'] } }),
    ).toEqual({
      recorded: ['large-scale'],
      inferred: [],
      cnilList: [],
      required: false,
      likely: false,
    });
  });

  it('is likely with one criterion stated and one inferred, required with the CNIL list alone', () => {
    expect(need({ dataSubjects: ['Clients'], dpia: { criteria: ['large-scale'] } })).toEqual({
      recorded: ['large-scale'],
      inferred: ['sensitive-data'],
      cnilList: [],
      required: false,
      likely: true,
    });
    expect(
      need({ dataSubjects: ['Clients'], dataCategories: IDENTITY, dpia: { cnilList: ['genetic-large-scale'] } }),
    ).toEqual({
      recorded: [],
      inferred: [],
      cnilList: ['genetic-large-scale'],
      required: true,
      likely: false,
    });
  });

  it('leaves the DPIA of a processor treatment to the controller, not that of a joint controller', () => {
    const role = (r: string) => ctx([healthTreatment({ role: r })]).snapshot.treatments[0];
    expect(isControllerTreatment(role('processor'))).toBe(false);
    expect(isControllerTreatment(role('joint-controller'))).toBe(true);
    expect(isControllerTreatment(role('controller'))).toBe(true);
  });
});

describe('dpia.missing: messages', () => {
  it('words a missing DPIA in both languages, with the reference and the remediation of a likely need', () => {
    const [f] = missing(healthTreatment());
    expect(f.message.en).toBe(
      'Treatment "Dossier patient" calls for an impact assessment (criteria: Sensitive (Art. 9) or highly personal data; Vulnerable data subjects (patients, children, elderly, employees…)): no DPIA is recorded.',
    );
    expect(f.subject).toEqual({ type: 'treatment', id: 't', name: 'Dossier patient' });
    expect(f.reference).toEqual({
      fr: 'RGPD art. 35(1), 35(4) ; CNIL, délibération 2018-327',
      en: 'GDPR Art. 35(1), 35(4); CNIL délibération 2018-327',
    });
    expect(f.remediation).toEqual({
      fr: "Confirmer les critères (dpia.criteria) et réaliser l'AIPD, ou enregistrer pourquoi elle n'est pas nécessaire (status not-needed et reason).",
      en: 'Confirm the criteria (dpia.criteria) and carry out the DPIA, or record why none is needed (status not-needed and reason).',
    });
  });

  it('names every CNIL list item, and the remediation of a required DPIA', () => {
    const [f] = missing(
      healthTreatment({ dpia: { cnilList: ['health-establishment-care', 'genetic-large-scale'], status: 'to-do' } }),
    );
    expect(f.message.fr).toBe(
      "Le traitement « Dossier patient » appelle une analyse d'impact (liste de la CNIL : Données de santé traitées par un établissement de santé ou médico-social pour la prise en charge des personnes (hors praticien exerçant à titre individuel) ; Données génétiques à grande échelle) : l'AIPD est à faire.",
    );
    expect(f.message.en).toBe(
      'Treatment "Dossier patient" calls for an impact assessment (CNIL list: Health data processed by a health or medico-social establishment for patient care (other than by an individual practitioner); Large-scale genetic data): the DPIA is still to do.',
    );
    expect(f.evidence).toEqual({
      criteria: [],
      inferredCriteria: ['sensitive-data', 'vulnerable-subjects'],
      cnilList: ['health-establishment-care', 'genetic-large-scale'],
      threshold: 2,
      status: 'to-do',
    });
    expect(f.remediation).toEqual({
      fr: "Réaliser l'AIPD avant la mise en œuvre (ou sans délai si le traitement est en cours) et enregistrer sa date.",
      en: 'Carry out the DPIA before processing starts (or at once if it runs already) and record its date.',
    });
  });

  it('says in French that a DPIA recorded as not needed contradicts the CNIL list', () => {
    const [f] = missing(
      healthTreatment({ dpia: { cnilList: ['genetic-large-scale'], status: 'not-needed', reason: 'r' } }),
    );
    expect(f.message.fr).toBe(
      "Le traitement « Dossier patient » appelle une analyse d'impact (liste de la CNIL : Données génétiques à grande échelle) : l'AIPD est indiquée comme non nécessaire, alors que la liste de la CNIL l'exige.",
    );
    expect(f.evidence.status).toBe('not-needed');
  });

  it('lists stated criteria before inferred ones and reports a to-do DPIA on criteria in English', () => {
    const [f] = missing(
      healthTreatment({ dataSubjects: ['Clients'], dpia: { criteria: ['large-scale'], status: 'to-do' } }),
    );
    expect(f.severity).toBe('warning');
    expect(f.message.en).toBe(
      'Treatment "Dossier patient" calls for an impact assessment (criteria: Large-scale processing; Sensitive (Art. 9) or highly personal data): the DPIA is still to do.',
    );
    expect(f.message.fr).toBe(
      "Le traitement « Dossier patient » appelle une analyse d'impact (critères : Traitement à grande échelle ; Données sensibles (art. 9) ou à caractère hautement personnel) : l'AIPD est à faire.",
    );
  });

  it('reports each treatment in use that needs a DPIA', () => {
    const findings = dpiaMissing.evaluate(
      ctx([
        healthTreatment({ key: 'a', name: 'A' }),
        healthTreatment({ key: 'b', name: 'B', dataSubjects: ['Clients'] }),
        healthTreatment({ key: 'c', name: 'C' }),
      ]),
    );
    expect(findings.map((f) => f.subject.id)).toEqual(['a', 'c']);
  });
});

describe('dpia.review-due: messages', () => {
  it('words an overdue review without a completion date, in both languages', () => {
    const [f] = review(healthTreatment({ dpia: { status: 'to-do', reviewOn: '2026-01-31' } }));
    expect(f.message).toEqual({
      fr: "L'AIPD du traitement « Dossier patient » devait être réexaminée le 2026-01-31 au plus tard.",
      en: 'The DPIA of treatment "Dossier patient" was due for review by 2026-01-31.',
    });
    expect(f.evidence).toEqual({ status: 'to-do', doneOn: null, reviewOn: '2026-01-31', asOf: '2026-06-01' });
    expect(f.subject).toEqual({ type: 'treatment', id: 't', name: 'Dossier patient' });
    expect(f.reference).toEqual({ fr: 'RGPD art. 35(11)', en: 'GDPR Art. 35(11)' });
    expect(f.remediation).toEqual({
      fr: "Réexaminer l'AIPD (risques, mesures, sous-traitants, transferts) et enregistrer sa nouvelle date et sa prochaine échéance.",
      en: 'Review the DPIA (risks, measures, processors, transfers) and record its new date and next review.',
    });
  });

  it('words an overdue review with its completion date in English, and a to-review DPIA in French', () => {
    const [overdue] = review(
      healthTreatment({ dpia: { status: 'done', doneOn: '2023-05-01', reviewOn: '2026-05-31' } }),
    );
    expect(overdue.message.en).toBe(
      'The DPIA of treatment "Dossier patient" (done on 2023-05-01) was due for review by 2026-05-31.',
    );
    const [toReview] = review(healthTreatment({ dpia: { status: 'to-review', reviewOn: '2027-01-01' } }));
    expect(toReview.message.fr).toBe("L'AIPD du traitement « Dossier patient » est indiquée comme à réexaminer.");
    expect(toReview.evidence).toEqual({
      status: 'to-review',
      doneOn: null,
      reviewOn: '2027-01-01',
      asOf: '2026-06-01',
    });
  });

  it('reports a DPIA without a status once its review date is past', () => {
    const [f] = review(healthTreatment({ dpia: { reviewOn: '2026-05-31' } }));
    expect(f.evidence).toEqual({ status: null, doneOn: null, reviewOn: '2026-05-31', asOf: '2026-06-01' });
  });
});
