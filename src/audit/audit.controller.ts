import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuditEntity } from './audit.entity';
import { AuditQueryDto } from './audit.dto';
import { OrganisationResolver } from '../common/organisation-resolver';
import { currentActor, hasRole } from '../common/actor';
import { readRoleOf } from '../common/visibility';

@ApiTags('audit')
@Controller('organisations/:slug/audit')
export class AuditController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationResolver,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Who changed what and when (append-only), newest first, with filters' })
  async list(@Param('slug') slug: string, @Query() q: AuditQueryDto) {
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
        before: visible && a.before ? (JSON.parse(a.before) as unknown) : null,
        after: visible && a.after ? (JSON.parse(a.after) as unknown) : null,
        ...(visible ? {} : { masked: `the values need the ${required} role` }),
      };
    });
  }
}
