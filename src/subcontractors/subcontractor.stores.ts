import { IsNull, Not, EntityManager } from 'typeorm';
import { KeyIndex, RecordStore } from '../common/records/record-store';
import { DomainError, FieldProblem } from '../common/errors';
import { surelyAfter } from '../common/partial-date';
import { chainProblems } from './chain';
import { CreateCertificateDto } from './certificate.dto';
import { CreateEngagementDto } from './engagement.dto';
import { CreateSubcontractorDto } from './subcontractor.dto';
import { CreateSubprocessorChangeDto } from './subprocessor-change.dto';
import {
  CertificateEntity,
  EngagementEntity,
  SubcontractorEntity,
  SubprocessorChangeEntity,
} from './subcontractor.entity';

export const subcontractorStore = new RecordStore<SubcontractorEntity, CreateSubcontractorDto>({
  what: 'Subcontractor',
  entity: SubcontractorEntity,
  createDto: CreateSubcontractorDto,
  fields: [
    'name',
    'legalName',
    'registrationId',
    'country',
    'parentGroup',
    'parentCountry',
    'address',
    'website',
    'contact',
    'dpfCertified',
    'guarantees',
    'description',
    'source',
  ],
  refs: [],
});

export const certificateStore = new RecordStore<CertificateEntity, CreateCertificateDto>({
  what: 'Certificate',
  entity: CertificateEntity,
  createDto: CreateCertificateDto,
  fields: [
    'kind',
    'edition',
    'hdsReferential',
    'number',
    'issuer',
    'certifiedEntity',
    'certifiedEntityCountry',
    'hdsActivities',
    'scope',
    'services',
    'validFrom',
    'validTo',
    'evidenceUrl',
    'notes',
    'source',
  ],
  refs: [{ path: 'subcontractor', column: 'subcontractorId', target: SubcontractorEntity, what: 'subcontractor' }],
});

/** Engagements, whose chain must stay finite and acyclic after every write (see chain.ts). */
class EngagementStore extends RecordStore<EngagementEntity, CreateEngagementDto> {
  protected override async afterWrite(
    manager: EntityManager,
    entity: EngagementEntity,
    dto: CreateEngagementDto,
    index: KeyIndex,
  ): Promise<void> {
    // Only sub-processing engagements (with a client) are edges of the chain: an engagement with the
    // organisation itself can neither close a loop nor deepen a chain.
    if (dto.client === undefined) return;
    const rows = await manager.find(EngagementEntity, {
      where: { organisationId: entity.organisationId, clientId: Not(IsNull()) },
      select: { key: true, providerId: true, clientId: true },
    });
    const keys = await index.idsToKeys(SubcontractorEntity);
    const name = (id: string) => keys.get(id) ?? id;
    const [problem] = chainProblems(
      rows.map((r) => ({ key: r.key, provider: name(r.providerId), client: r.clientId && name(r.clientId) })),
    );
    if (!problem) return;
    throw new DomainError(400, 'invalid_chain', `Engagement "${entity.key}" would break the sub-processing chain`, [
      { field: 'client', problem: problem.problem },
    ]);
  }

  /** The chain checked once for all the engagements written, as the last of them would check it. */
  protected override async afterCreateMany(
    manager: EntityManager,
    entities: readonly EngagementEntity[],
    dtos: readonly CreateEngagementDto[],
    index: KeyIndex,
  ): Promise<void> {
    let last = dtos.length - 1;
    while (last >= 0 && dtos[last].client === undefined) last--;
    if (last >= 0) await this.afterWrite(manager, entities[last], dtos[last], index);
  }
}

export const engagementStore = new EngagementStore({
  what: 'Engagement',
  entity: EngagementEntity,
  createDto: CreateEngagementDto,
  fields: [
    'services',
    'hdsActivities',
    'serviceScopes',
    'healthData',
    'processingCountries',
    'processingArea',
    'accessCountries',
    'accessWorldwide',
    'accessExceptCountries',
    'dpaSignedOn',
    'dpaReference',
    'dpaVersion',
    'dpaVersionDate',
    'listedOn',
    'removedOn',
    'breachNoticeHours',
    'objectionWindowDays',
    'authorisation',
    'transferSafeguards',
    'foreignLawAssessment',
    'term',
    'deadlines',
    'notes',
    'source',
  ],
  refs: [
    { path: 'provider', column: 'providerId', target: SubcontractorEntity, what: 'subcontractor' },
    { path: 'client', column: 'clientId', target: SubcontractorEntity, what: 'subcontractor' },
    {
      path: 'coveredByCertificate',
      column: 'coveredByCertificateId',
      target: CertificateEntity,
      what: 'certificate',
    },
  ],
  check: engagementProblems,
});

/** What one engagement cannot say at once (the decorators check each field alone). */
function engagementProblems(dto: CreateEngagementDto): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (dto.client !== undefined && dto.client === dto.provider) {
    problems.push({ field: 'client', problem: 'a subcontractor cannot engage itself' });
  }
  if (dto.accessWorldwide === true && dto.accessCountries?.length) {
    problems.push({
      field: 'accessCountries',
      problem:
        'with accessWorldwide the data may be accessed from any country: list the exceptions in accessExceptCountries',
    });
  }
  if (dto.accessExceptCountries?.length && dto.accessWorldwide !== true) {
    problems.push({
      field: 'accessExceptCountries',
      problem:
        'exceptions apply to worldwide access: set accessWorldwide to true, or list the countries in accessCountries',
    });
  }
  const seen = new Set<string>();
  (dto.serviceScopes ?? []).forEach((s, i) => {
    const name = s.service.trim().toLowerCase();
    if (seen.has(name))
      problems.push({ field: `serviceScopes[${i}].service`, problem: `"${s.service}" is listed twice` });
    seen.add(name);
    if (s.healthData === false && s.hdsActivities?.length) {
      problems.push({
        field: `serviceScopes[${i}].hdsActivities`,
        problem: 'a service that carries no health data performs no HDS activity',
      });
    }
  });
  if (dto.listedOn && dto.removedOn && surelyAfter(dto.listedOn, dto.removedOn)) {
    problems.push({ field: 'removedOn', problem: 'must not be before listedOn' });
  }
  return problems;
}

export const subprocessorChangeStore = new RecordStore<SubprocessorChangeEntity, CreateSubprocessorChangeDto>({
  what: 'Sub-processor change',
  entity: SubprocessorChangeEntity,
  createDto: CreateSubprocessorChangeDto,
  fields: ['kind', 'noticeReceivedAt', 'plannedEffectiveOn', 'objection', 'notes', 'source'],
  refs: [
    { path: 'engagement', column: 'engagementId', target: EngagementEntity, what: 'engagement' },
    { path: 'subprocessor', column: 'subprocessorId', target: SubcontractorEntity, what: 'subcontractor' },
    { path: 'replaces', column: 'replacesId', target: SubcontractorEntity, what: 'subcontractor' },
  ],
  check: (dto) =>
    dto.replaces !== undefined && dto.replaces === dto.subprocessor
      ? [{ field: 'replaces', problem: 'a sub-processor cannot replace itself' }]
      : [],
});
