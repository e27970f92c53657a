import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { RequireRole } from '../auth/auth.guard';
import { readRoleOf } from '../common/visibility';
import { SnapshotModule } from '../snapshot/snapshot.module';
import { recordController } from '../common/records/record-controller';
import { CreateAlertChannelDto, UpdateAlertChannelDto, AlertChannelViewDto } from './alert-channel.dto';
import { alertChannelStore } from './alert-channel.store';
import { AlertsController } from './alerts.controller';
import { AlertsScheduler } from './alerts.scheduler';
import { AlertsService } from './alerts.service';
import { EmailSender, WebhookSender } from './senders';

@Module({
  imports: [SnapshotModule, ScheduleModule.forRoot()],
  controllers: [
    AlertsController,
    recordController({
      path: 'alert-channels',
      tag: 'alert channels',
      store: alertChannelStore,
      createDto: CreateAlertChannelDto,
      updateDto: UpdateAlertChannelDto,
      viewDto: AlertChannelViewDto,
      decorators: [RequireRole(readRoleOf(alertChannelStore.what))],
    }),
  ],
  providers: [AlertsService, AlertsScheduler, WebhookSender, EmailSender],
  exports: [AlertsService, AlertsScheduler],
})
export class AlertsModule {}
