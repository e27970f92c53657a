import { EntityManager } from 'typeorm';
import { KeyIndex, RecordStore, RecordView } from '../common/records/record-store';
import { CreateAlertChannelDto } from './alert-channel.dto';
import { AlertChannelEntity } from './alert.entity';

/** Channels, with the webhook secret write-only: stored, used to sign, never returned. */
class AlertChannelStore extends RecordStore<AlertChannelEntity, CreateAlertChannelDto> {
  constructor() {
    super({
      what: 'Alert channel',
      entity: AlertChannelEntity,
      createDto: CreateAlertChannelDto,
      fields: ['kind', 'url', 'secret', 'recipients', 'lang', 'enabled'],
      refs: [],
      defaults: { lang: 'fr', enabled: true },
    });
  }

  override async toViews(manager: EntityManager, rows: AlertChannelEntity[], index: KeyIndex) {
    const views = await super.toViews(manager, rows, index);
    return views.map((v): RecordView<CreateAlertChannelDto> => {
      const { secret: _secret, ...rest } = v;
      return rest;
    });
  }

  /** A change that does not give a new secret keeps the stored one. */
  override async update(
    manager: EntityManager,
    organisationId: string,
    key: string,
    patch: Partial<CreateAlertChannelDto>,
    now: string,
  ) {
    const row = await this.find(manager, organisationId, key);
    return super.update(
      manager,
      organisationId,
      key,
      { ...patch, secret: patch.secret ?? row.secret ?? undefined },
      now,
    );
  }
}

export const alertChannelStore = new AlertChannelStore();
