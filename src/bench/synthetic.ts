import type { BundleDto } from '../bundles/bundle.dto';
import type { CreateTreatmentDto } from '../register/treatment.dto';
import type { CreateCertificateDto } from '../subcontractors/certificate.dto';
import type { CreateEngagementDto } from '../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../subcontractors/subcontractor.dto';
import type { CreateSubprocessorChangeDto } from '../subcontractors/subprocessor-change.dto';
import { HDS_ACTIVITY_CODES } from '../reference/hds-activities';

/**
 * A synthetic organisation of `treatments` treatments with proportionate subcontractors (1 per 10
 * treatments), certificates (2 per subcontractor, some expired, some HDS), engagements (1 per
 * subcontractor, a quarter of them chain links to another subcontractor) and transfers. Deterministic.
 */
export function syntheticBundle(treatments: number, slug = `synthetic-${treatments}`): BundleDto {
  const subcontractorCount = Math.max(2, Math.ceil(treatments / 10));
  const countries = ['FR', 'DE', 'US', 'IE', 'GB', 'IN', 'CH', 'BR'];
  const subcontractors: CreateSubcontractorDto[] = Array.from({ length: subcontractorCount }, (_, i) => ({
    key: `s-${i}`,
    name: `Prestataire ${i}`,
    country: countries[i % countries.length],
    ...(i % 5 === 0 ? { parentGroup: `Groupe ${i}`, parentCountry: 'US' } : {}),
    ...(i % 7 === 0 ? { dpfCertified: true } : {}),
    guarantees: [{ kind: i % 2 ? 'iso-27001' : 'hds', text: 'Certifié' }],
  }));
  const certificates: CreateCertificateDto[] = subcontractors.flatMap((s, i): CreateCertificateDto[] => [
    {
      key: `c-${i}-hds`,
      subcontractor: s.key,
      kind: 'hds',
      hdsReferential: i % 3 ? 'v2' : '2018',
      hdsActivities: HDS_ACTIVITY_CODES.filter((_, a) => (i + a) % 3 !== 0),
      validFrom: '2024-01-01',
      validTo: i % 4 === 0 ? '2026-03-31' : '2027-02-28',
    },
    {
      key: `c-${i}-iso`,
      subcontractor: s.key,
      kind: 'iso-27001',
      edition: i % 6 === 0 ? 'ISO/IEC 27001:2013' : 'ISO/IEC 27001:2022',
      validFrom: '2024-06-01',
      validTo: '2027-05-31',
    },
  ]);
  const engagements: CreateEngagementDto[] = subcontractors.map((s, i): CreateEngagementDto => ({
    key: `e-${i}`,
    provider: s.key,
    ...(i % 4 === 3 ? { client: `s-${i - 1}` } : {}),
    services: ['Hébergement'],
    hdsActivities: HDS_ACTIVITY_CODES.filter((_, a) => (i + a) % 2 === 0),
    processingCountries: [countries[(i + 1) % countries.length]],
    ...(i % 3 ? { dpaSignedOn: '2024-01-15' } : {}),
    breachNoticeHours: [24, 48, 72][i % 3],
    objectionWindowDays: 30,
    authorisation: i % 5 ? 'general' : 'specific',
    ...(i % 2 ? { transferSafeguards: [{ kind: i % 4 === 1 ? 'scc-2021' : 'scc-2010' }] } : {}),
  }));
  const direct = engagements.filter((e) => !e.client);
  const records: CreateTreatmentDto[] = Array.from({ length: treatments }, (_, i): CreateTreatmentDto => ({
    key: `t-${String(i).padStart(6, '0')}`,
    name: `Traitement ${i}`,
    role: i % 4 === 0 ? 'processor' : 'controller',
    status: i % 20 === 0 ? 'retired' : 'active',
    ...(i % 4 === 0 ? { controllers: [{ name: `Client ${i}` }] } : {}),
    purposes: [`Finalité ${i}`],
    ...(i % 3 ? { legalBasis: { article6: ['contract'] } } : {}),
    dataSubjects: ['Patients'],
    dataCategories: [
      { category: 'identity', label: 'Identité', ...(i % 2 ? { retention: '5 ans' } : {}) },
      ...(i % 2 ? [{ category: 'health' as const, label: 'Données de santé', health: true, article9: true }] : []),
    ],
    recipients: [{ kind: 'internal', name: 'Service' }],
    uses: [direct[i % direct.length], direct[(i * 7 + 3) % direct.length]]
      .filter((e, j, all) => all.findIndex((o) => o.key === e.key) === j)
      .map((e) => ({ engagement: e.key })),
  }));
  const subprocessorChanges: CreateSubprocessorChangeDto[] = direct
    .slice(0, Math.ceil(direct.length / 10))
    .map((e, i) => ({
      key: `ch-${i}`,
      engagement: e.key,
      subprocessor: subcontractors[(i + 1) % subcontractors.length].key,
      kind: 'addition',
      noticeReceivedAt: '2026-05-10T10:00:00+02:00',
      plannedEffectiveOn: i % 2 ? '2026-06-01' : '2026-07-01',
    }));
  const bundle: BundleDto = {
    format: 'registre-bundle',
    version: 2,
    organisation: {
      slug,
      name: `Organisation synthétique ${treatments}`,
      country: 'FR',
      roles: ['controller', 'processor'],
      address: 'Paris',
      dpo: { email: 'dpo@example.org' },
      processorTerms: { breachNoticeHours: 48 },
    },
    subcontractors,
    certificates,
    engagements,
    treatments: records,
    subprocessorChanges,
    waivers: [],
  };
  return bundle;
}
