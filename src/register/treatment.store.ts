import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { insertInChunks } from '../common/insert-chunks';
import { KeyIndex, PAGE_ROWS, readRaw, RecordStore, RecordView, RefSpec } from '../common/records/record-store';
import { yieldToEventLoop } from '../common/steps';
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
        'dpia',
        'patientRecord',
        'notes',
        'source',
      ],
      // Uses are kept as rows of treatment_uses (see afterWrite and referring).
      refs: [{ path: 'uses[].engagement', target: EngagementEntity, what: 'engagement', unique: true }],
      defaults: { status: 'active' },
    });
  }

  /** The uses, already checked against the organisation's engagements, replace the stored rows. */
  protected override async afterWrite(
    manager: EntityManager,
    entity: TreatmentEntity,
    dto: CreateTreatmentDto,
    index: KeyIndex,
  ): Promise<void> {
    const rows = useRows(entity, dto, await index.keysToIds(EngagementEntity));
    await manager.delete(TreatmentUseEntity, { treatmentId: entity.id });
    if (rows.length) await manager.insert(TreatmentUseEntity, rows);
  }

  /** A new organisation's treatments: every use in multi-row inserts (there are none to delete). */
  protected override async afterCreateMany(
    manager: EntityManager,
    entities: readonly TreatmentEntity[],
    dtos: readonly CreateTreatmentDto[],
    index: KeyIndex,
  ): Promise<void> {
    const engagements = await index.keysToIds(EngagementEntity);
    const rows = entities.flatMap((entity, i) => useRows(entity, dtos[i], engagements));
    await insertInChunks(manager, TreatmentUseEntity, rows);
  }

  /** Uses live in their own table: the treatments using an engagement are found there. */
  override async referring(
    manager: EntityManager,
    organisationId: string,
    ref: RefSpec,
    target: { id: string; key: string },
  ): Promise<string[]> {
    if (ref.path !== 'uses[].engagement') return super.referring(manager, organisationId, ref, target);
    const rows = await manager
      .createQueryBuilder(TreatmentEntity, 't')
      .select('t.key', 'key')
      .innerJoin(TreatmentUseEntity, 'u', 'u.treatment_id = t.id')
      .where('u.engagement_id = :id', { id: target.id })
      .orderBy('t.key')
      .getRawMany<{ key: string }>();
    return rows.map((r) => r.key);
  }

  /** Uses first, in batches (a register can hold thousands of treatments). */
  override async removeAll(manager: EntityManager, organisationId: string): Promise<void> {
    const treatments = await manager.find(TreatmentEntity, { where: { organisationId }, select: { id: true } });
    for (let i = 0; i < treatments.length; i += 500) {
      const ids = treatments.slice(i, i + 500).map((t) => t.id);
      await manager
        .createQueryBuilder()
        .delete()
        .from(TreatmentUseEntity)
        .where('treatment_id IN (:...ids)', { ids })
        .execute();
    }
    await super.removeAll(manager, organisationId);
  }

  override async toViews(manager: EntityManager, rows: TreatmentEntity[], index: KeyIndex) {
    const views = await super.toViews(manager, rows, index);
    if (!rows.length) return views;
    const byTreatment = await this.usesOf(
      manager,
      rows.map((r) => r.id),
      index,
    );
    return views.map((view, i): RecordView<CreateTreatmentDto> => {
      const uses = byTreatment.get(rows[i].id);
      return uses ? { ...view, uses } : view;
    });
  }

  protected override async attachChildren(
    manager: EntityManager,
    views: CreateTreatmentDto[],
    ids: string[],
    index: KeyIndex,
  ): Promise<void> {
    if (!views.length) return;
    const byTreatment = await this.usesOf(manager, ids, index);
    views.forEach((view, i) => {
      const uses = byTreatment.get(ids[i]);
      if (uses) view.uses = uses;
    });
  }

  /** The uses of these treatments as a DTO lists them, by treatment id (treatments without uses absent). */
  private async usesOf(manager: EntityManager, ids: readonly string[], index: KeyIndex) {
    // One query per page of treatments (lists read PAGE_ROWS at a time), by id for a single one.
    const uses: TreatmentUseEntity[] = [];
    for (let i = 0; i < ids.length; i += PAGE_ROWS) {
      if (i > 0) await yieldToEventLoop(); // each page is a query that holds the process on SQLite
      const page = await readRaw<TreatmentUseEntity>(manager, TreatmentUseEntity, {
        where: 'treatment_id IN (:...ids)',
        parameters: { ids: ids.slice(i, i + PAGE_ROWS) },
        order: 'position',
      });
      for (const u of page) uses.push(u);
    }
    const engagementKeys = await index.idsToKeys(EngagementEntity);
    const byTreatment = new Map<string, NonNullable<CreateTreatmentDto['uses']>>();
    for (const u of uses) {
      const use = {
        engagement: engagementKeys.get(u.engagementId) ?? u.engagementId,
        ...(u.purpose ? { purpose: u.purpose } : {}),
      };
      const list = byTreatment.get(u.treatmentId);
      if (list) list.push(use);
      else byTreatment.set(u.treatmentId, [use]);
    }
    return byTreatment;
  }
}

/** The rows of a treatment's uses, in the order the treatment lists them. */
function useRows(entity: TreatmentEntity, dto: CreateTreatmentDto, engagements: Map<string, string>) {
  return (dto.uses ?? []).map((use, position) =>
    Object.assign(new TreatmentUseEntity(), {
      id: randomUUID(),
      treatmentId: entity.id,
      engagementId: engagements.get(use.engagement) as string,
      position,
      purpose: use.purpose ?? null,
    }),
  );
}

export const treatmentStore = new TreatmentStore();
