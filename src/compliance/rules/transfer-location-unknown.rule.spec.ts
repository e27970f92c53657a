import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { transferLocationUnknown } from './transfer-location-unknown.rule';

const SUBCONTRACTORS = [
  { key: 'host', name: 'Hébergeur' },
  { key: 'backup', name: 'Sauvegarde' },
];

function run(engagements: CreateEngagementDto[], treatments = [healthTreatment({ uses: [{ engagement: 'e-host' }] })]) {
  return transferLocationUnknown.evaluate(
    new SnapshotIndex(makeSnapshot({ subcontractors: SUBCONTRACTORS, engagements, treatments })),
  );
}

describe('transfer.location-unknown', () => {
  it('reports nothing when processing countries are recorded', () => {
    expect(run([{ key: 'e-host', provider: 'host', processingCountries: ['FR'] }])).toEqual([]);
  });

  it('accepts a processing area ("Union Européenne") without countries', () => {
    expect(run([{ key: 'e-host', provider: 'host', processingArea: 'eu' }])).toEqual([]);
  });

  it('reports a processor relied on with no processing country', () => {
    const findings = run([{ key: 'e-host', provider: 'host', notes: 'localisation non précisée' }]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('transfer.location-unknown');
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-host', name: 'Hébergeur' });
    expect(f.detail).toBeUndefined();
    expect(f.evidence).toEqual({
      provider: 'Hébergeur',
      accessCountries: [],
      treatments: ['t'],
      notes: 'localisation non précisée',
    });
    expect(f.message.en).toBe('No processing country is recorded for Hébergeur; possible transfers cannot be checked.');
    expect(f.reference.en).toBe('GDPR Art. 30(1)(e), 44');
    expect(f.remediation.en).toContain('hosting and access countries');
  });

  it('treats an empty list of processing countries as unknown, even with access countries', () => {
    const findings = run([{ key: 'e-host', provider: 'host', processingCountries: [], accessCountries: ['IN'] }]);
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence).toMatchObject({ accessCountries: ['IN'], notes: null });
  });

  it('reports nothing for a processor no treatment relies on', () => {
    expect(run([{ key: 'e-host', provider: 'host' }], [healthTreatment()])).toEqual([]);
  });

  it('ignores retired treatments', () => {
    const retired = healthTreatment({ status: 'retired', uses: [{ engagement: 'e-host' }] });
    expect(run([{ key: 'e-host', provider: 'host' }], [retired])).toEqual([]);
  });

  it('reports a sub-processor the treatment relies on through its processor', () => {
    const findings = run([
      { key: 'e-host', provider: 'host', processingCountries: ['FR'] },
      { key: 'e-backup', provider: 'backup', client: 'host' },
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0].subject).toEqual({ type: 'engagement', id: 'e-backup', name: 'Sauvegarde (Hébergeur →)' });
    expect(findings[0].evidence).toMatchObject({ provider: 'Sauvegarde', treatments: ['t'] });
  });

  it('words the finding in French and English, with the rule’s reference and the remediation', () => {
    const [f] = run([{ key: 'e-host', provider: 'host', accessCountries: ['US'] }]);
    expect(f.message).toEqual({
      fr: "Aucun pays de traitement n'est enregistré pour Hébergeur ; les transferts éventuels ne peuvent pas être vérifiés.",
      en: 'No processing country is recorded for Hébergeur; possible transfers cannot be checked.',
    });
    expect(f.reference).toEqual({ fr: 'RGPD art. 30(1)(e), 44', en: 'GDPR Art. 30(1)(e), 44' });
    expect(f.remediation).toEqual({
      fr: 'Demander au prestataire les pays d’hébergement et d’accès et les enregistrer.',
      en: 'Ask the provider for its hosting and access countries and record them.',
    });
    expect(f.evidence).toEqual({ provider: 'Hébergeur', accessCountries: ['US'], treatments: ['t'], notes: null });
  });

  it('names a provider missing from the register by its key, and reports each engagement', () => {
    const findings = run(
      [
        { key: 'e-host', provider: 'ghost' },
        { key: 'e-backup', provider: 'backup' },
      ],
      [healthTreatment({ uses: [{ engagement: 'e-host' }, { engagement: 'e-backup' }] })],
    );
    expect(findings.map((f) => [f.subject.id, f.subject.name, f.evidence.provider])).toEqual([
      ['e-host', 'ghost', 'ghost'],
      ['e-backup', 'Sauvegarde', 'Sauvegarde'],
    ]);
  });
});
