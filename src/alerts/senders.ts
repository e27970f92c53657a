import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac } from 'node:crypto';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { guardedPost } from './webhook-guard';

/** `X-Registre-Signature: sha256=<hex>` over `<timestamp>.<body>`, with the channel's secret. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Side effects behind small adapters, so that the alert service is tested with real servers or fakes.
 * A webhook reaches only addresses the guard allows (public ones, and those of ALERTS_WEBHOOK_ALLOW),
 * and a redirect is an error, never followed. Every request names its delivery (`X-Registre-Delivery`):
 * a delivery is sent again when the process sending it died before recording the outcome, and the
 * receiver tells the repeat by that id.
 */
@Injectable()
export class WebhookSender {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async post(url: string, secret: string, payload: unknown, now: Date, deliveryId: string): Promise<void> {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(now.getTime() / 1000));
    await guardedPost(url, {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Registre-alerts',
        'x-registre-delivery': deliveryId,
        'x-registre-timestamp': timestamp,
        'x-registre-signature': signature(secret, timestamp, body),
      },
      body,
      timeoutMs: this.config.alerts.timeoutMs,
      allow: this.config.alerts.webhookAllow,
    });
  }
}

@Injectable()
export class EmailSender {
  private transporter?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** One digest; sent again after a crash, it keeps its Message-ID (made from its deliveries). */
  async send(to: string[], subject: string, text: string, deliveryIds: string[]): Promise<void> {
    const { smtpUrl, from, timeoutMs: t } = this.config.alerts;
    if (!smtpUrl) throw new Error('SMTP_URL is not set');
    // Every stage bounded like a webhook, so that a send ends well within its claim's lease.
    this.transporter ??= createTransport({ url: smtpUrl, connectionTimeout: t, greetingTimeout: t, socketTimeout: t });
    const digest = createHash('sha256').update(deliveryIds.join(',')).digest('hex').slice(0, 32);
    await this.transporter.sendMail({
      from,
      to,
      subject,
      text,
      messageId: `<${digest}@registre.alerts>`,
      headers: { 'X-Registre-Deliveries': deliveryIds.join(', ') },
    });
  }
}
