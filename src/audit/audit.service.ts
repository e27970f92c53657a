import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganisationResolver } from '../common/organisation-resolver';
import { AuditQueryDto } from './audit.dto';
import { currentActor, hasRole } from '../common/actor';
import { readRoleOf } from '../common/visibility';
import { AuditEntity } from './audit.entity';

export interface AuditView {
  at: string;
  actor: { id: string; name: string };
  action: string;
  entity: string;
  key: string;
  /** The record as it was and as it became (null when absent, or masked). */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Set when the reader's role may not see the values (they are then null). */
  masked?: string;
}

/** The audit trail of one organisation, newest first, filtered (the API and the pages read it alike). */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationResolver,
  ) {}

  async list(slug: string, q: AuditQueryDto): Promise<AuditView[]> {
    const org = await this.organisations.find(this.dataSource.manager, slug);
    const query = this.dataSource.manager
      .createQueryBuilder(AuditEntity, 'a')
      .where('a.organisation_id = :org', { org: org.id })
      .orderBy('a.at', 'DESC')
      .limit(q.limit ?? 200);
    if (q.entity) query.andWhere('a.entity = :entity', { entity: q.entity });
    if (q.key) query.andWhere('a.entity_key = :key', { key: q.key });
    if (q.actor) query.andWhere('a.actor_id = :actor', { actor: q.actor });
    if (q.action) query.andWhere('a.action = :action', { action: q.action });
    if (q.from) query.andWhere('a.at >= :from', { from: new Date(q.from).toISOString() });
    if (q.to) query.andWhere('a.at <= :to', { to: new Date(q.to).toISOString() });
    const actor = currentActor();
    return (await query.getMany()).map((a) => {
      // Who changed what and when stays visible; the values only to those who may read the record.
      const required = readRoleOf(a.entity);
      const visible = hasRole(actor, required);
      return {
        at: a.at,
        actor: { id: a.actorId, name: a.actorName },
        action: a.action,
        entity: a.entity,
        key: a.entityKey,
        before: visible && a.before ? (JSON.parse(a.before) as Record<string, unknown>) : null,
        after: visible && a.after ? (JSON.parse(a.after) as Record<string, unknown>) : null,
        ...(visible ? {} : { masked: `the values need the ${required} role` }),
      };
    });
  }

  /** Who has written to the organisation, for the filter of the page. */
  async actors(slug: string): Promise<{ id: string; name: string }[]> {
    const org = await this.organisations.find(this.dataSource.manager, slug);
    const rows = await this.dataSource.manager
      .createQueryBuilder(AuditEntity, 'a')
      .select(['a.actor_id AS id', 'MAX(a.actor_name) AS name'])
      .where('a.organisation_id = :org', { org: org.id })
      .groupBy('a.actor_id')
      .getRawMany<{ id: string; name: string }>();
    return rows.sort((x, y) => x.name.localeCompare(y.name));
  }
}
