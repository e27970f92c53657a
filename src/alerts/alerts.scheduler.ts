import { Inject, Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AlertsService } from './alerts.service';

/**
 * The daily scan (ALERTS_CRON, default 07:00; ALERTS_TIMEZONE, default Europe/Paris; both checked when
 * the configuration is read). Started by `registre serve` only; its handler only delegates to
 * AlertsService.scan, which returns what it did. The job fires on the machine's time; the scan itself
 * reads the application's Clock.
 */
@Injectable()
export class AlertsScheduler {
  private readonly logger = new Logger(AlertsScheduler.name);

  constructor(
    private readonly alerts: AlertsService,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  start(): void {
    const { cron, timeZone } = this.config.alerts.schedule;
    const job = CronJob.from({ cronTime: cron, timeZone, onTick: () => void this.run(), start: false });
    this.registry.addCronJob('alerts-scan', job);
    job.start();
    this.logger.log(`alert scan scheduled: "${cron}" (${timeZone})`);
  }

  async run() {
    const result = await this.alerts.scan();
    const created = result.organisations.reduce((n, o) => n + o.created, 0);
    this.logger.log(`alert scan: ${created} new alert(s) for ${result.organisations.length} organisation(s)`);
    return result;
  }
}
