/* Builders for rule specs: a small, valid snapshot that each spec changes in one place. */
import type { BundleDto } from '../bundles/bundle.dto';
import type { CreateOrganisationDto } from '../organisations/organisation.dto';
import type { CreateCertificateDto } from '../subcontractors/certificate.dto';
import type { CreateEngagementDto } from '../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../subcontractors/subcontractor.dto';
import { snapshotFromBundle, ComplianceSnapshot } from '../snapshot/snapshot';
import { SnapshotIndex } from '../snapshot/snapshot-index';
import type { RuleFinding } from './finding';
import type { Rule } from './rules/rule';

type Bundle = Omit<BundleDto, 'format' | 'version'>;
export type SnapshotParts = Partial<Bundle> & { asOf?: string };

/** A controller organisation (FR, with contact and DPO and general measures): no register.* finding. */
export const TEST_ORGANISATION: CreateOrganisationDto = {
  slug: 'test',
  name: 'Clinique Test',
  country: 'FR',
  roles: ['controller'],
  address: '1 rue de la Paix, 75002 Paris',
  dpo: { name: 'DPO', email: 'dpo@test.fr' },
  securityMeasures: [{ title: 'Chiffrement' }],
};

/** The same organisation acting as a processor for clients too. */
export const PROCESSOR_ORGANISATION: CreateOrganisationDto = {
  ...TEST_ORGANISATION,
  roles: ['controller', 'processor'],
};

/** The test organisation with some fields changed (settings, processor terms, …). */
export function organisationWith(overrides: Partial<CreateOrganisationDto>): CreateOrganisationDto {
  return { ...TEST_ORGANISATION, ...overrides };
}

/**
 * The test organisation (or the one given) and whatever records the spec gives, as of 2026-06-01 unless
 * told. Lists default to empty.
 */
export function makeSnapshot(parts: SnapshotParts = {}): ComplianceSnapshot {
  const { asOf = '2026-06-01', organisation, ...rest } = parts;
  return snapshotFromBundle(
    {
      format: 'registre-bundle',
      version: 2,
      organisation: { ...TEST_ORGANISATION, ...organisation },
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

/** One rule's findings on the snapshot `makeSnapshot(parts)` builds. */
export function runRule(rule: Rule, parts: SnapshotParts = {}): RuleFinding[] {
  return rule.evaluate(new SnapshotIndex(makeSnapshot(parts)));
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

/** The health treatment relying on these engagements (the usual way a spec puts a provider in scope). */
export function treatmentUsing(...engagements: string[]) {
  return healthTreatment({ uses: engagements.map((engagement) => ({ engagement })) });
}

/**
 * A hosting chain for certificate specs: the host (HDS virtual infrastructure) serves the organisation,
 * its sub-processor does backups, and an idle provider serves no treatment.
 */
export const HOSTING_CHAIN: { subcontractors: CreateSubcontractorDto[]; engagements: CreateEngagementDto[] } = {
  subcontractors: [
    { key: 'host', name: 'Hébergeur', country: 'FR' },
    { key: 'sub', name: 'Sous-traitant', country: 'FR' },
    { key: 'idle', name: 'Inutilisé', country: 'FR' },
  ],
  engagements: [
    { key: 'e-host', provider: 'host', hdsActivities: ['virtual-infrastructure'] },
    { key: 'e-sub', provider: 'sub', client: 'host', hdsActivities: ['backup'] },
    { key: 'e-idle', provider: 'idle' },
  ],
};

/** An ISO/IEC 27001:2022 certificate of the host, valid three years to the given `validTo` by default. */
export function isoCertificate(overrides: Partial<CreateCertificateDto> = {}): CreateCertificateDto {
  return {
    key: 'iso',
    subcontractor: 'host',
    kind: 'iso-27001',
    edition: 'ISO/IEC 27001:2022',
    number: 'N-1',
    validFrom: '2023-06-01',
    validTo: '2026-05-31',
    ...overrides,
  };
}
