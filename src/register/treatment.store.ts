import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { FieldProblem, InvalidReferenceError } from '../common/errors';
import { KeyIndex, RecordStore, RecordView } from '../common/record-store';
import { EngagementEntity } from '../subcontractors/subcontractor.entity';
import { CreateTreatmentDto } from './treatment.dto';
import { TreatmentEntity, TreatmentUseEntity } from './treatment.entity';

/** Treatments, with their uses of engagements kept as rows of `treatment_uses`. */
export class TreatmentStore extends RecordStore<TreatmentEntity, CreateTreatmentDto> {
  constructor() {
    super({
      what: 'Treatment',
      entity: TreatmentEntity,
      createDto: CreateTreatmentDto,
      fields: [
        'name',
        'description',
        'role',
        'status',
        'controllers',
        'jointControllers',
        'purposes',
        'legalBasis',
        'dataSubjects',
        'dataCategories',
        'retention',
        'recipients',
        'transfers',
        'securityMeasures',
        'hdsActivitiesInHouse',
        'notes',
        'source',
      ],
      refs: [],
      referrers: [],
      defaults: { status: 'active' },
    });
  }

  protected override async afterWrite(
    manager: EntityManager,
    entity: TreatmentEntity,
    dto: CreateTreatmentDto,
    index: KeyIndex,
  ): Promise<void> {
    const engagements = await index.keysToIds(EngagementEntity);
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    const rows = (dto.uses ?? []).map((use, position) => {
      const engagementId = engagements.get(use.engagement);
      if (!engagementId) {
        problems.push({ field: `uses[${position}].engagement`, problem: `no engagement with key "${use.engagement}"` });
      } else if (seen.has(engagementId)) {
        problems.push({
          field: `uses[${position}].engagement`,
          problem: `engagement "${use.engagement}" is listed twice`,
        });
      }
      seen.add(engagementId ?? '');
      return {
        id: randomUUID(),
        treatmentId: entity.id,
        engagementId: engagementId ?? '',
        position,
        purpose: use.purpose ?? null,
      };
    });
    if (problems.length) throw new InvalidReferenceError(problems);
    await manager.delete(TreatmentUseEntity, { treatmentId: entity.id });
    if (rows.length) await manager.insert(TreatmentUseEntity, rows);
  }

  override async toViews(manager: EntityManager, rows: TreatmentEntity[], index: KeyIndex) {
    const views = await super.toViews(manager, rows, index);
    if (!rows.length) return views;
    // One query whatever the register's size: by id for a single treatment, by organisation for lists.
    const uses =
      rows.length === 1
        ? await manager.find(TreatmentUseEntity, { where: { treatmentId: rows[0].id }, order: { position: 'ASC' } })
        : await manager
            .createQueryBuilder(TreatmentUseEntity, 'u')
            .innerJoin(TreatmentEntity, 't', 't.id = u.treatment_id')
            .where('t.organisation_id = :organisationId', { organisationId: rows[0].organisationId })
            .orderBy('u.position', 'ASC')
            .getMany();
    const engagementKeys = await index.idsToKeys(EngagementEntity);
    const byTreatment = new Map<string, TreatmentUseEntity[]>();
    for (const u of uses) byTreatment.set(u.treatmentId, [...(byTreatment.get(u.treatmentId) ?? []), u]);
    return views.map((view, i): RecordView<CreateTreatmentDto> => {
      const list = byTreatment.get(rows[i].id);
      if (!list?.length) return view;
      return {
        ...view,
        uses: list.map((u) => ({
          engagement: engagementKeys.get(u.engagementId) ?? u.engagementId,
          ...(u.purpose ? { purpose: u.purpose } : {}),
        })),
      };
    });
  }
}

export const treatmentStore = new TreatmentStore();
