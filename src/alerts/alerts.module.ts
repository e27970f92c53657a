import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ComplianceModule } from '../compliance/compliance.module';
import { recordController } from '../organisations/record-controller.factory';
import { CreateAlertChannelDto, UpdateAlertChannelDto } from './alert-channel.dto';
import { alertChannelStore } from './alert-channel.store';
import { AlertsController } from './alerts.controller';
import { AlertsScheduler } from './alerts.scheduler';
import { AlertsService } from './alerts.service';
import { EmailSender, WebhookSender } from './senders';

@Module({
  imports: [ComplianceModule, ScheduleModule.forRoot()],
  controllers: [
    AlertsController,
    recordController({
      path: 'alert-channels',
      tag: 'alert channels',
      store: alertChannelStore,
      createDto: CreateAlertChannelDto,
      updateDto: UpdateAlertChannelDto,
      role: 'admin',
    }),
  ],
  providers: [AlertsService, AlertsScheduler, WebhookSender, EmailSender],
  exports: [AlertsService, AlertsScheduler],
})
export class AlertsModule {}
