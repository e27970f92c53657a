import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull } from 'typeorm';
import { audit } from '../audit/audit';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import type { AlertViewDto } from './alert.dto';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { SnapshotService } from '../snapshot/snapshot.service';
import { parisDate } from '../common/calendar-date';
import { parisInstant } from '../deadlines/deadline';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { AlertChannelEntity, AlertDeliveryEntity, AlertEntity } from './alert.entity';
import { AlertCandidate, alertCandidates, DEFAULT_THRESHOLDS } from './candidates';
import { EmailSender, WebhookSender } from './senders';

export interface ScanResult {
  at: string;
  asOf: string;
  organisations: {
    slug: string;
    candidates: number;
    created: number;
    sent: number;
    failed: number;
    /** Present when the scan of this organisation failed (details in the server log). */
    error?: string;
  }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A delivery a scan may claim: due (pending, or failed and past its back-off), or left `sending` by a
 * scan whose lease has run out (it died; a claim made before leases existed has none). Instants are
 * ISO 8601 UTC strings, which compare as they order.
 */
const CLAIMABLE = `(
  (status IN ('pending', 'failed') AND (next_attempt_at IS NULL OR next_attempt_at <= :now))
  OR (status = 'sending' AND (lease_expires_at IS NULL OR lease_expires_at <= :now))
)`;

@Injectable()
export class AlertsService {
  private readonly logger = new Logger(AlertsService.name);
  private readonly config: AppConfig['alerts'];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly snapshots: SnapshotService,
    private readonly webhooks: WebhookSender,
    private readonly email: EmailSender,
  ) {
    this.config = config.alerts;
  }

  /**
   * One scan: for each organisation, the alerts due on the day (`asOf`, default today in Paris), each
   * written once thanks to the unique (organisation, dedupe key) constraint, then delivered on every
   * enabled channel. A failing channel is recorded and retried; it never stops the scan.
   */
  async scan(options: { slug?: string; asOf?: string } = {}): Promise<ScanResult> {
    const scanId = randomUUID();
    const at = options.asOf ? parisInstant(options.asOf, '00:00:00') : this.clock.instant();
    const asOf = options.asOf ?? parisDate(at);
    const orgs = options.slug
      ? [await this.organisations.find(this.dataSource.manager, options.slug)]
      : await this.dataSource.manager.find(OrganisationEntity, { order: { slug: 'ASC' } });
    const result: ScanResult = { at, asOf, organisations: [] };
    for (const org of orgs) {
      try {
        result.organisations.push(await this.scanOrganisation(org, asOf, at, scanId));
      } catch (error) {
        this.logger.error(`scan of ${org.slug} failed: ${(error as Error).message}`);
        result.organisations.push({
          slug: org.slug,
          candidates: 0,
          created: 0,
          sent: 0,
          failed: 0,
          error: 'the scan of this organisation failed; see the server log',
        });
      }
    }
    return result;
  }

  private async scanOrganisation(org: OrganisationEntity, asOf: string, at: string, scanId: string) {
    const snapshot = await this.snapshots.build(org.slug, asOf);
    const thresholds = org.settings?.alertThresholdDays ?? DEFAULT_THRESHOLDS;
    const candidates = alertCandidates(snapshot, at, thresholds);
    const channels = (
      await this.dataSource.manager.find(AlertChannelEntity, { where: { organisationId: org.id } })
    ).filter((c) => c.enabled !== false);
    let created = 0;
    for (const c of candidates) if (await this.createAlert(org, c, asOf, channels)) created++;
    let sent = 0;
    let failed = 0;
    for (const channel of channels) {
      const outcome = await this.deliver(channel, scanId);
      sent += outcome.sent;
      failed += outcome.failed;
    }
    return { slug: org.slug, candidates: candidates.length, created, sent, failed };
  }

  /**
   * Writes an alert and its deliveries (one per enabled channel) in one transaction: a process that dies
   * leaves both or neither. The insert is the claim: the unique index refuses it when another scan (or
   * instance) already wrote the alert, and this scan goes on only with a row it wrote itself.
   */
  private createAlert(org: OrganisationEntity, c: AlertCandidate, asOf: string, channels: AlertChannelEntity[]) {
    return this.dataSource.transaction(async (manager) => {
      const id = randomUUID();
      const now = this.clock.instant();
      await manager
        .createQueryBuilder()
        .insert()
        .into(AlertEntity)
        .values({
          id,
          organisationId: org.id,
          dedupeKey: c.dedupeKey,
          kind: c.kind,
          subjectType: c.subjectType,
          subjectKey: c.subjectKey,
          subjectName: c.subjectName,
          threshold: c.threshold,
          due: c.due,
          messageFr: c.message.fr,
          messageEn: c.message.en,
          treatments: c.treatments,
          asOf,
          createdAt: now,
        })
        .orIgnore()
        .execute();
      if (!(await manager.findOne(AlertEntity, { where: { id }, select: { id: true } }))) return false;
      if (channels.length) {
        await manager.insert(
          AlertDeliveryEntity,
          channels.map((channel) => ({
            id: randomUUID(),
            alertId: id,
            channelId: channel.id,
            status: 'pending' as const,
            attempts: 0,
            lastError: null,
            nextAttemptAt: now,
            deliveredAt: null,
            claimedBy: null,
            leaseExpiresAt: null,
            createdAt: now,
          })),
        );
      }
      return true;
    });
  }

  /**
   * How long a claim holds: twice the longest a send may take (every attempt timing out, with its
   * back-off). A live scan finishes well within it; a dead one's claims expire and are taken over.
   */
  get leaseMs(): number {
    const { attempts, timeoutMs, retryBaseMs } = this.config;
    return 2 * (attempts * timeoutMs + retryBaseMs * (2 ** Math.max(attempts - 1, 0) - 1));
  }

  /**
   * Claims one delivery for this scan: a conditional update that only one scan can win, on a delivery
   * that is due (pending, or failed and past its back-off) or whose claim has expired (its scan died).
   */
  private async claim(id: string, scanId: string): Promise<boolean> {
    const now = this.clock.now();
    const result = await this.dataSource
      .createQueryBuilder()
      .update(AlertDeliveryEntity)
      .set({
        status: 'sending',
        claimedBy: scanId,
        leaseExpiresAt: new Date(now.getTime() + this.leaseMs).toISOString(),
      })
      .where('id = :id', { id })
      .andWhere(CLAIMABLE, { now: now.toISOString() })
      .execute();
    return result.affected === 1;
  }

  /** Claims the channel's due deliveries one by one, and sends each (e-mail: one digest for all). */
  private async deliver(channel: AlertChannelEntity, scanId: string): Promise<{ sent: number; failed: number }> {
    const due = await this.dataSource
      .createQueryBuilder(AlertDeliveryEntity, 'd')
      .select('d.id', 'id')
      .where('d.channel_id = :channel', { channel: channel.id })
      .andWhere(CLAIMABLE, { now: this.clock.instant() })
      .orderBy('d.created_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .getRawMany<{ id: string }>();
    if (!due.length) return { sent: 0, failed: 0 };
    const lang = channel.lang ?? 'fr';
    if (channel.kind === 'email') {
      const mine: string[] = [];
      for (const { id } of due) if (await this.claim(id, scanId)) mine.push(id);
      const claimed = mine.length ? await this.claimedDeliveries(mine) : [];
      if (!claimed.length) return { sent: 0, failed: 0 };
      const alerts = claimed.map((d) => d.alert);
      const ok = await this.attempt(() =>
        this.email.send(
          channel.recipients ?? [],
          digestSubject(alerts.length, lang),
          digestText(alerts, lang),
          claimed.map((d) => d.delivery.id),
        ),
      );
      await this.record(
        claimed.map((d) => d.delivery),
        ok,
      );
      return ok.error ? { sent: 0, failed: claimed.length } : { sent: claimed.length, failed: 0 };
    }
    let sent = 0;
    let failed = 0;
    for (const { id } of due) {
      if (!(await this.claim(id, scanId))) continue; // another scan has it
      const [claimed] = await this.claimedDeliveries([id]);
      if (!claimed) continue;
      const ok = await this.attempt(() =>
        this.webhooks.post(
          channel.url ?? '',
          channel.secret ?? '',
          webhookPayload(claimed.alert, lang),
          this.clock.now(),
          claimed.delivery.id,
        ),
      );
      await this.record([claimed.delivery], ok);
      if (ok.error) failed++;
      else sent++;
    }
    return { sent, failed };
  }

  private async claimedDeliveries(ids: string[]): Promise<{ delivery: AlertDeliveryEntity; alert: AlertEntity }[]> {
    const deliveries = await this.dataSource.manager.find(AlertDeliveryEntity, {
      where: { id: In(ids) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const alerts = await this.dataSource.manager.find(AlertEntity, {
      where: { id: In(deliveries.map((d) => d.alertId)) },
    });
    const byId = new Map(alerts.map((a) => [a.id, a]));
    return deliveries.flatMap((delivery) => {
      const alert = byId.get(delivery.alertId);
      return alert ? [{ delivery, alert }] : [];
    });
  }

  /** Tries a send a few times with exponential back-off; returns the attempts made and the last error. */
  private async attempt(send: () => Promise<void>): Promise<{ attempts: number; error?: string }> {
    let error: string | undefined;
    for (let i = 0; i < this.config.attempts; i++) {
      if (i > 0) await sleep(this.config.retryBaseMs * 2 ** (i - 1));
      try {
        await send();
        return { attempts: i + 1 };
      } catch (e) {
        error = (e as Error).message;
      }
    }
    return { attempts: this.config.attempts, error };
  }

  private async record(deliveries: AlertDeliveryEntity[], outcome: { attempts: number; error?: string }) {
    const now = this.clock.now().getTime();
    for (const d of deliveries) {
      const attempts = (d.attempts ?? 0) + outcome.attempts;
      await this.dataSource.manager.update(
        AlertDeliveryEntity,
        { id: d.id },
        outcome.error
          ? {
              status: 'failed',
              attempts,
              lastError: outcome.error.slice(0, 500),
              // Retried at a later scan, later each time.
              nextAttemptAt: new Date(now + this.config.retryBaseMs * 2 ** Math.min(attempts, 16)).toISOString(),
              leaseExpiresAt: null,
            }
          : {
              status: 'sent',
              attempts,
              lastError: null,
              deliveredAt: new Date(now).toISOString(),
              nextAttemptAt: null,
              leaseExpiresAt: null,
            },
      );
      if (outcome.error) this.logger.warn(`delivery ${d.id} failed after ${attempts} attempt(s): ${outcome.error}`);
    }
  }

  async list(slug: string, status?: 'open' | 'acknowledged'): Promise<AlertViewDto[]> {
    const org = await this.organisations.find(this.dataSource.manager, slug);
    const where = {
      organisationId: org.id,
      ...(status === 'open' ? { acknowledgedAt: IsNull() } : {}),
    };
    const alerts = await this.dataSource.manager.find(AlertEntity, {
      where,
      order: { createdAt: 'DESC', dedupeKey: 'ASC' },
    });
    const deliveries = alerts.length
      ? await this.dataSource.manager.find(AlertDeliveryEntity, { where: { alertId: In(alerts.map((a) => a.id)) } })
      : [];
    const channels = await this.dataSource.manager.find(AlertChannelEntity, { where: { organisationId: org.id } });
    const channelKey = new Map(channels.map((c) => [c.id, c.key]));
    return alerts
      .filter((a) => status !== 'acknowledged' || a.acknowledgedAt)
      .map((a) => ({
        id: a.id,
        kind: a.kind,
        subject: { type: a.subjectType, key: a.subjectKey, name: a.subjectName },
        threshold: a.threshold,
        due: a.due,
        message: { fr: a.messageFr, en: a.messageEn },
        treatments: a.treatments ?? [],
        asOf: a.asOf,
        createdAt: a.createdAt,
        status: a.acknowledgedAt ? 'acknowledged' : 'open',
        acknowledgedAt: a.acknowledgedAt,
        acknowledgedNote: a.acknowledgedNote,
        deliveries: deliveries
          .filter((d) => d.alertId === a.id)
          .map((d) => ({
            channel: channelKey.get(d.channelId) ?? d.channelId,
            status: d.status,
            attempts: d.attempts,
            lastError: d.lastError,
            deliveredAt: d.deliveredAt,
            nextAttemptAt: d.status === 'failed' ? d.nextAttemptAt : null,
          })),
      }));
  }

  async acknowledge(slug: string, id: string, note?: string): Promise<AlertViewDto> {
    const org = await this.organisations.find(this.dataSource.manager, slug);
    const alert = await this.dataSource.manager.findOne(AlertEntity, { where: { id, organisationId: org.id } });
    if (!alert) throw new NotFoundError('Alert', id);
    const now = this.clock.instant();
    await this.dataSource.transaction(async (manager) => {
      const change = {
        acknowledgedAt: alert.acknowledgedAt ?? now,
        acknowledgedNote: note ?? alert.acknowledgedNote,
      };
      await manager.update(AlertEntity, { id }, change);
      await audit(manager, {
        organisationId: org.id,
        at: now,
        action: 'acknowledge',
        entity: 'Alert',
        key: id,
        after: change,
      });
    });
    const view = (await this.list(slug)).find((a) => a.id === id);
    if (!view) throw new NotFoundError('Alert', id);
    return view;
  }
}

function webhookPayload(a: AlertEntity, lang: 'fr' | 'en') {
  return {
    id: a.id,
    kind: a.kind,
    subject: { type: a.subjectType, key: a.subjectKey, name: a.subjectName },
    threshold: a.threshold,
    due: a.due,
    message: lang === 'fr' ? a.messageFr : a.messageEn,
    treatments: a.treatments ?? [],
    asOf: a.asOf,
    createdAt: a.createdAt,
  };
}

function digestSubject(count: number, lang: 'fr' | 'en'): string {
  return lang === 'fr' ? `Registre : ${count} alerte(s)` : `Registre: ${count} alert(s)`;
}

function digestText(alerts: AlertEntity[], lang: 'fr' | 'en'): string {
  const head = lang === 'fr' ? 'Alertes du jour :' : "Today's alerts:";
  return [head, '', ...alerts.map((a) => `- ${lang === 'fr' ? a.messageFr : a.messageEn}`), ''].join('\n');
}
