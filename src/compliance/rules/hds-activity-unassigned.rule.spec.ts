import type { HdsActivityCode } from '../../reference/hds-activities';
import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../../subcontractors/subcontractor.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { hdsActivityUnassigned } from './hds-activity-unassigned.rule';

const SUBCONTRACTORS: CreateSubcontractorDto[] = [
  { key: 'host', name: 'Hébergeur', country: 'FR' },
  { key: 'dc', name: 'Datacenter SA', country: 'FR' },
  { key: 'mail', name: 'Messagerie', country: 'FR' },
];

const hostDoes = (...hdsActivities: HdsActivityCode[]): CreateEngagementDto => ({
  key: 'e-host',
  provider: 'host',
  hdsActivities,
});

function run(engagements: CreateEngagementDto[], treatment = healthTreatment({ uses: [{ engagement: 'e-host' }] })) {
  return hdsActivityUnassigned.evaluate(
    new SnapshotIndex(
      makeSnapshot({ asOf: '2026-06-01', subcontractors: SUBCONTRACTORS, engagements, treatments: [treatment] }),
    ),
  );
}

describe('hds.activity-unassigned', () => {
  it('reports nothing when a provider performs all six activities', () => {
    expect(
      run([
        hostDoes(
          'physical-sites',
          'hardware',
          'virtual-infrastructure',
          'application-platform',
          'administration-operation',
          'backup',
        ),
      ]),
    ).toEqual([]);
  });

  it('reports the activities nobody is recorded as performing, with their official numbers', () => {
    const findings = run([
      hostDoes('virtual-infrastructure', 'application-platform', 'administration-operation', 'backup'),
    ]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('hds.activity-unassigned');
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ type: 'treatment', id: 't', name: 'Dossier patient' });
    expect(f.evidence).toEqual({
      unassigned: [
        { code: 'physical-sites', number: 1 },
        { code: 'hardware', number: 2 },
      ],
      assigned: [
        { code: 'virtual-infrastructure', number: 3 },
        { code: 'application-platform', number: 4 },
        { code: 'administration-operation', number: 5 },
        { code: 'backup', number: 6 },
      ],
    });
    expect(f.message.fr).toBe(
      "Traitement « Dossier patient » : personne n'est enregistré comme exerçant n° 1 Sites physiques, n° 2 Infrastructure matérielle.",
    );
    expect(f.message.en).toContain('no. 1 Physical sites, no. 2 Hardware infrastructure');
  });

  it('is silenced by the activities the organisation performs itself', () => {
    const treatment = healthTreatment({
      uses: [{ engagement: 'e-host' }],
      hdsActivitiesInHouse: ['physical-sites', 'hardware'],
    });
    expect(
      run(
        [hostDoes('virtual-infrastructure', 'application-platform', 'administration-operation', 'backup')],
        treatment,
      ),
    ).toEqual([]);
  });

  it('still reports the activities neither in house nor assigned', () => {
    const treatment = healthTreatment({
      uses: [{ engagement: 'e-host' }],
      hdsActivitiesInHouse: ['administration-operation'],
    });
    const [f] = run([hostDoes('virtual-infrastructure', 'application-platform', 'backup')], treatment);
    expect(f.evidence.unassigned).toEqual([
      { code: 'physical-sites', number: 1 },
      { code: 'hardware', number: 2 },
    ]);
    expect(f.message.fr).not.toContain('n° 5');
  });

  it('counts the activities of sub-processors along the chain', () => {
    expect(
      run([
        hostDoes('virtual-infrastructure', 'application-platform', 'administration-operation', 'backup'),
        { key: 'e-dc', provider: 'dc', client: 'host', hdsActivities: ['physical-sites', 'hardware'] },
      ]),
    ).toEqual([]);
  });

  it('does not count the activities of an engagement carrying no health data', () => {
    const [f] = run([
      hostDoes(
        'physical-sites',
        'hardware',
        'virtual-infrastructure',
        'application-platform',
        'administration-operation',
      ),
      { key: 'e-mail', provider: 'mail', client: 'host', hdsActivities: ['backup'], healthData: false },
    ]);
    expect(f.evidence.unassigned).toEqual([{ code: 'backup', number: 6 }]);
  });

  it('says nothing when no HDS activity is recorded for the treatment (hds.scope-unknown asks for them)', () => {
    expect(run([{ key: 'e-host', provider: 'host', healthData: true }])).toEqual([]);
  });

  it('ignores treatments without health data', () => {
    const payroll = healthTreatment({
      dataCategories: [{ category: 'identity', label: 'Identité', retention: '5 ans' }],
      uses: [{ engagement: 'e-host' }],
    });
    expect(run([hostDoes('backup')], payroll)).toEqual([]);
  });

  it('ignores retired treatments', () => {
    const retired = healthTreatment({ status: 'retired', uses: [{ engagement: 'e-host' }] });
    expect(run([hostDoes('backup')], retired)).toEqual([]);
  });
});

describe('hds.activity-unassigned, texts and treatments', () => {
  it('gives the English message, the reference and the remediation', () => {
    const [f] = run([
      hostDoes('hardware', 'virtual-infrastructure', 'application-platform', 'administration-operation'),
    ]);
    expect(f.message.en).toBe(
      'Treatment "Dossier patient": nobody is recorded as performing no. 1 Physical sites, no. 6 Outsourced backup.',
    );
    expect(f.reference).toEqual({ fr: 'CSP R.1111-9', en: 'CSP R.1111-9' });
    expect(f.remediation).toEqual({
      fr: "Indiquer quel prestataire exerce chaque activité, ou que l'organisation l'exerce elle-même (hdsActivitiesInHouse).",
      en: 'Record which provider performs each activity, or that the organisation performs it itself (hdsActivitiesInHouse).',
    });
  });

  it('reports each treatment on its own, after one with nothing to report', () => {
    const findings = hdsActivityUnassigned.evaluate(
      new SnapshotIndex(
        makeSnapshot({
          asOf: '2026-06-01',
          subcontractors: SUBCONTRACTORS,
          engagements: [
            hostDoes(
              'physical-sites',
              'hardware',
              'virtual-infrastructure',
              'application-platform',
              'administration-operation',
              'backup',
            ),
            { key: 'e-mail', provider: 'mail', hdsActivities: ['backup'] },
          ],
          treatments: [
            healthTreatment({ key: 'none', name: 'Sans prestataire' }),
            healthTreatment({ key: 'full', uses: [{ engagement: 'e-host' }] }),
            healthTreatment({ key: 'a', name: 'Messagerie A', uses: [{ engagement: 'e-mail' }] }),
            healthTreatment({ key: 'b', name: 'Messagerie B', uses: [{ engagement: 'e-mail' }] }),
          ],
        }),
      ),
    );
    expect(findings.map((f) => [f.subject.id, (f.evidence.unassigned as unknown[]).length])).toEqual([
      ['a', 5],
      ['b', 5],
    ]);
  });

  it('counts what a processor organisation performs in house for its clients as assigned', () => {
    const clients = healthTreatment({
      role: 'processor',
      controllers: [{ name: 'Cabinets' }],
      uses: [{ engagement: 'e-host' }],
      hdsActivitiesInHouse: ['administration-operation'],
    });
    const [f] = run([hostDoes('backup')], clients);
    expect(f.evidence.assigned).toEqual([
      { code: 'administration-operation', number: 5 },
      { code: 'backup', number: 6 },
    ]);
    expect(f.evidence.unassigned).toEqual([
      { code: 'physical-sites', number: 1 },
      { code: 'hardware', number: 2 },
      { code: 'virtual-infrastructure', number: 3 },
      { code: 'application-platform', number: 4 },
    ]);
  });
});
