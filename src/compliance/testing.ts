/* Builders for rule specs: a small, valid snapshot that each spec changes in one place. */
import type { BundleDto } from '../bundles/bundle.dto';
import { snapshotFromBundle, ComplianceSnapshot } from '../snapshot/snapshot';

type Bundle = Omit<BundleDto, 'format' | 'version'>;

/**
 * A controller organisation (FR, with contact and DPO and general measures) and whatever records the
 * spec gives. Lists default to empty.
 */
export function makeSnapshot(parts: Partial<Bundle> & { asOf?: string } = {}): ComplianceSnapshot {
  const { asOf = '2026-06-01', organisation, ...rest } = parts;
  return snapshotFromBundle(
    {
      format: 'registre-bundle',
      version: 2,
      organisation: {
        slug: 'test',
        name: 'Clinique Test',
        country: 'FR',
        roles: ['controller'],
        address: '1 rue de la Paix, 75002 Paris',
        dpo: { name: 'DPO', email: 'dpo@test.fr' },
        securityMeasures: [{ title: 'Chiffrement' }],
        ...organisation,
      },
      subcontractors: [],
      certificates: [],
      engagements: [],
      treatments: [],
      subprocessorChanges: [],
      breaches: [],
      waivers: [],
      ...rest,
    },
    asOf,
  );
}

/** A complete controller treatment holding health data: no register.* finding on its own. */
export function healthTreatment(overrides: Record<string, unknown> = {}) {
  return {
    key: 't',
    name: 'Dossier patient',
    role: 'controller' as const,
    status: 'active' as const,
    purposes: ['Suivi des patients'],
    legalBasis: { article6: ['public-task' as const], article9: ['h' as const] },
    dataSubjects: ['Patients'],
    dataCategories: [
      { category: 'health' as const, label: 'Données de santé', health: true, article9: true, retention: '20 ans' },
    ],
    recipients: [{ kind: 'internal' as const, name: 'Soignants' }],
    uses: [] as { engagement: string }[],
    ...overrides,
  };
}
