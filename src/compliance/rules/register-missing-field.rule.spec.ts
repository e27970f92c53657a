import { evaluate } from '../engine';
import { healthTreatment, makeSnapshot, runRule, SnapshotParts, TEST_ORGANISATION } from '../testing';
import { registerMissingField } from './register-missing-field.rule';

const run = (parts: SnapshotParts = {}) => runRule(registerMissingField, parts);

describe('register.missing-field', () => {
  it('reports nothing for a complete controller treatment and an organisation with contact and DPO', () => {
    expect(run({ treatments: [healthTreatment()] })).toEqual([]);
  });

  it('reports an organisation with neither address nor contact details', () => {
    const findings = run({
      organisation: { ...TEST_ORGANISATION, address: undefined },
      treatments: [healthTreatment()],
    });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('register.missing-field');
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual({ type: 'organisation', id: 'test', name: 'Clinique Test' });
    expect(f.detail).toBe('contact');
    expect(f.evidence).toEqual({ field: 'contact', organisation: 'test' });
    expect(f.reference.en).toBe('GDPR Art. 30(1)(a), 30(2)(a), 37(7)');
    expect(f.message.en).toBe('The register does not give the contact details of the controller.');
    expect(f.message.fr).toBe('Le registre ne donne pas les coordonnées du responsable de traitement.');
    expect(f.remediation.en).toContain('Record the contact details of the controller');
  });

  it('accepts a contact phone instead of an address', () => {
    expect(
      run({ organisation: { ...TEST_ORGANISATION, address: undefined, contact: { phone: '+33 1 00 00 00 00' } } }),
    ).toEqual([]);
  });

  it('does not take a contact with only a name for contact details', () => {
    const findings = run({ organisation: { ...TEST_ORGANISATION, address: undefined, contact: { name: 'Accueil' } } });
    expect(findings.map((f) => f.detail)).toEqual(['contact']);
  });

  it('reports a missing DPO, and a DPO with a name but no way to reach them', () => {
    for (const dpo of [undefined, { name: 'Mme DPO' }]) {
      const findings = run({ organisation: { ...TEST_ORGANISATION, dpo } });
      expect(findings).toHaveLength(1);
      expect(findings[0].subject.type).toBe('organisation');
      expect(findings[0].detail).toBe('dpo');
      expect(findings[0].evidence).toEqual({ field: 'dpo', organisation: 'test' });
      expect(findings[0].message.en).toBe(
        'The register does not give the contact details of the data protection officer.',
      );
    }
  });

  it('accepts a DPO reachable by phone only', () => {
    expect(run({ organisation: { ...TEST_ORGANISATION, dpo: { phone: '+33 1 00 00 00 01' } } })).toEqual([]);
  });

  it.each([
    ['purposes', 'purposes', 'GDPR Art. 30(1)(b)'],
    ['dataSubjects', 'categories of data subjects', 'GDPR Art. 30(1)(c)'],
    ['dataCategories', 'categories of personal data', 'GDPR Art. 30(1)(c)'],
  ])('reports a controller treatment without %s', (field, label, reference) => {
    const findings = run({ treatments: [healthTreatment({ [field]: [] })] });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('register.missing-field');
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual({ type: 'treatment', id: 't', name: 'Dossier patient' });
    expect(f.detail).toBe(field);
    expect(f.evidence).toEqual({ field, role: 'controller', status: 'active' });
    expect(f.reference.en).toBe(reference);
    expect(f.message.en).toBe(`Treatment "Dossier patient" does not state the ${label}.`);
    expect(f.remediation.en).toBe(`Fill in the ${label}.`);
  });

  it('treats an absent list like an empty one', () => {
    const findings = run({ treatments: [healthTreatment({ purposes: undefined })] });
    expect(findings.map((f) => f.detail)).toEqual(['purposes']);
  });

  it('counts the processors a treatment uses as recipients', () => {
    const treatment = healthTreatment({ recipients: [], uses: [{ engagement: 'e-host' }] });
    expect(
      run({
        subcontractors: [{ key: 'host', name: 'Hébergeur' }],
        engagements: [{ key: 'e-host', provider: 'host' }],
        treatments: [treatment],
      }),
    ).toEqual([]);
  });

  it('reports a treatment with neither recipients nor processors', () => {
    const findings = run({ treatments: [healthTreatment({ recipients: [], uses: [] })] });
    expect(findings).toHaveLength(1);
    expect(findings[0].detail).toBe('recipients');
    expect(findings[0].reference.en).toBe('GDPR Art. 30(1)(d)');
    expect(findings[0].message.en).toBe('Treatment "Dossier patient" does not state the categories of recipients.');
  });

  it('asks a joint-controller treatment for its joint controllers, on top of the controller fields', () => {
    const findings = run({ treatments: [healthTreatment({ role: 'joint-controller', dataSubjects: [] })] });
    expect(findings.map((f) => f.detail)).toEqual(['jointControllers', 'dataSubjects']);
    expect(findings[0].reference.en).toBe('GDPR Art. 30(1)(a), 26');
    expect(findings[0].evidence).toEqual({ field: 'jointControllers', role: 'joint-controller', status: 'active' });
    expect(findings[0].message.en).toBe('Treatment "Dossier patient" does not state the joint controllers.');
  });

  it('accepts a joint-controller treatment that names its joint controllers', () => {
    const treatment = healthTreatment({ role: 'joint-controller', jointControllers: [{ name: 'GHT Voisin' }] });
    expect(run({ treatments: [treatment] })).toEqual([]);
  });

  it('asks a processor treatment for the controllers it serves, not for controller-only fields', () => {
    const treatment = healthTreatment({ role: 'processor', dataSubjects: [], recipients: [], dataCategories: [] });
    const findings = run({ treatments: [treatment] });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.detail).toBe('controllers');
    expect(f.reference.en).toBe('GDPR Art. 30(2)(a)');
    expect(f.evidence).toEqual({ field: 'controllers', role: 'processor', status: 'active' });
    expect(f.message.en).toBe('Treatment "Dossier patient" does not state the controllers on whose behalf it acts.');
  });

  it('asks a processor treatment for its categories of processing', () => {
    const treatment = healthTreatment({ role: 'processor', controllers: [{ name: 'Client' }], purposes: [] });
    const findings = run({ treatments: [treatment] });
    expect(findings).toHaveLength(1);
    expect(findings[0].detail).toBe('purposes');
    expect(findings[0].reference.en).toBe('GDPR Art. 30(2)(b)');
  });

  it('accepts a complete processor treatment', () => {
    expect(run({ treatments: [healthTreatment({ role: 'processor', controllers: [{ name: 'Client' }] })] })).toEqual(
      [],
    );
  });

  it('reports the status of the treatment, active when none is recorded', () => {
    const [option] = run({ treatments: [healthTreatment({ status: 'option', purposes: [] })] });
    expect(option.evidence).toMatchObject({ status: 'option' });
    const [unset] = run({ treatments: [healthTreatment({ status: undefined, purposes: [] })] });
    expect(unset.evidence).toMatchObject({ status: 'active' });
  });

  it('ignores retired treatments', () => {
    const retired = healthTreatment({ key: 'old', status: 'retired', purposes: [], dataSubjects: [] });
    expect(run({ treatments: [retired, healthTreatment()] })).toEqual([]);
  });

  it('gives one finding per missing field, each with its own id, and lets a waiver accept one of them', () => {
    const snapshot = makeSnapshot({
      asOf: '2026-06-01',
      treatments: [healthTreatment({ purposes: [], dataSubjects: [] })],
      waivers: [
        {
          key: 'w1',
          findingId: 'register.missing-field:treatment:t:purposes',
          reason: 'en cours',
          until: '2026-06-01',
        },
      ],
    });
    const result = evaluate(snapshot, 'en', [registerMissingField]);
    expect(result.findings.map((f) => [f.id, f.status])).toEqual([
      ['register.missing-field:treatment:t:dataSubjects', 'open'],
      ['register.missing-field:treatment:t:purposes', 'waived'],
    ]);
    expect(result.findings[1].message).toBe('Treatment "Dossier patient" does not state the purposes.');
    expect(result.summary).toEqual({ error: 1, warning: 0, info: 0, waived: 1 });
  });

  it('no longer applies a waiver the day after it ends', () => {
    const snapshot = makeSnapshot({
      asOf: '2026-06-02',
      treatments: [healthTreatment({ purposes: [] })],
      waivers: [
        {
          key: 'w1',
          findingId: 'register.missing-field:treatment:t:purposes',
          reason: 'en cours',
          until: '2026-06-01',
        },
      ],
    });
    const result = evaluate(snapshot, 'en', [registerMissingField]);
    expect(result.findings.map((f) => f.status)).toEqual(['open']);
    expect(result.summary).toEqual({ error: 1, warning: 0, info: 0, waived: 0 });
  });

  it('has English metadata', () => {
    expect(registerMissingField.title.en).toBe('Mandatory register field missing');
    expect(registerMissingField.severity).toBe('error');
  });
});

describe('register.missing-field: texts in French and English', () => {
  it('describes the rule in both languages', () => {
    expect(registerMissingField).toMatchObject({
      id: 'register.missing-field',
      title: { fr: 'Champ obligatoire du registre manquant', en: 'Mandatory register field missing' },
      reference: { fr: 'RGPD art. 30(1) et 30(2)', en: 'GDPR Art. 30(1) and 30(2)' },
      description: {
        fr: "Une mention exigée par l'article 30 est vide pour un traitement, ou les coordonnées du responsable ou du DPO manquent.",
        en: 'A mention Article 30 requires is empty for a treatment, or the controller or DPO contact is missing.',
      },
    });
  });

  it('words the missing contact details of the organisation and of its DPO', () => {
    const findings = run({ organisation: { ...TEST_ORGANISATION, address: undefined, dpo: undefined } });
    expect(findings.map((f) => [f.detail, f.reference, f.remediation])).toEqual([
      [
        'contact',
        { fr: 'RGPD art. 30(1)(a), 30(2)(a), 37(7)', en: 'GDPR Art. 30(1)(a), 30(2)(a), 37(7)' },
        {
          fr: 'Renseigner les coordonnées du responsable de traitement (nom, adresse, e-mail ou téléphone).',
          en: 'Record the contact details of the controller (name, address, e-mail or phone).',
        },
      ],
      [
        'dpo',
        { fr: 'RGPD art. 30(1)(a), 30(2)(a), 37(7)', en: 'GDPR Art. 30(1)(a), 30(2)(a), 37(7)' },
        {
          fr: 'Renseigner les coordonnées du délégué à la protection des données (nom, adresse, e-mail ou téléphone).',
          en: 'Record the contact details of the data protection officer (name, address, e-mail or phone).',
        },
      ],
    ]);
    expect(findings[1].message.fr).toBe(
      'Le registre ne donne pas les coordonnées du délégué à la protection des données.',
    );
  });

  it.each([[{ contact: { email: 'accueil@test.fr' } }], [{ contact: { address: '2 rue de la Paix' } }]])(
    'accepts the contact %j instead of an address',
    (overrides) => {
      expect(run({ organisation: { ...TEST_ORGANISATION, address: undefined, ...overrides } })).toEqual([]);
    },
  );

  it('accepts a DPO reachable by post only', () => {
    expect(run({ organisation: { ...TEST_ORGANISATION, dpo: { address: '3 rue de la Paix' } } })).toEqual([]);
  });

  it.each([
    ['purposes', 'finalités', 'RGPD art. 30(1)(b)'],
    ['dataSubjects', 'catégories de personnes concernées', 'RGPD art. 30(1)(c)'],
    ['dataCategories', 'catégories de données', 'RGPD art. 30(1)(c)'],
    ['recipients', 'catégories de destinataires', 'RGPD art. 30(1)(d)'],
  ])('words a controller treatment without %s in French', (field, label, reference) => {
    const [f] = run({ treatments: [healthTreatment({ [field]: [] })] });
    expect(f.detail).toBe(field);
    expect(f.reference.fr).toBe(reference);
    expect(f.message.fr).toBe(`Le traitement « Dossier patient » ne mentionne pas les ${label}.`);
    expect(f.remediation.fr).toBe(`Compléter les ${label}.`);
  });

  it('words the fields of joint-controller and processor treatments in both languages', () => {
    const [joint] = run({ treatments: [healthTreatment({ role: 'joint-controller' })] });
    expect(joint.reference.fr).toBe('RGPD art. 30(1)(a), 26');
    expect(joint.message.fr).toBe('Le traitement « Dossier patient » ne mentionne pas les responsables conjoints.');
    const [controllers, purposes] = run({ treatments: [healthTreatment({ role: 'processor', purposes: [] })] });
    expect(controllers.reference.fr).toBe('RGPD art. 30(2)(a)');
    expect(controllers.message.fr).toBe(
      'Le traitement « Dossier patient » ne mentionne pas les responsables de traitement pour le compte desquels il est agi.',
    );
    expect(purposes.reference).toEqual({ fr: 'RGPD art. 30(2)(b)', en: 'GDPR Art. 30(2)(b)' });
    expect(purposes.message).toEqual({
      fr: 'Le traitement « Dossier patient » ne mentionne pas les catégories de traitements effectués pour chaque responsable.',
      en: 'Treatment "Dossier patient" does not state the categories of processing carried out.',
    });
  });

  it('does not ask a processor treatment for recipients when it uses no processor', () => {
    const treatment = healthTreatment({ role: 'processor', controllers: [{ name: 'C' }], recipients: [], uses: [] });
    expect(run({ treatments: [treatment] })).toEqual([]);
  });
});
