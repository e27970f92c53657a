import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
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
 * and a redirect is an error, never followed.
 */
@Injectable()
export class WebhookSender {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async post(url: string, secret: string, payload: unknown, now: Date): Promise<void> {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(now.getTime() / 1000));
    await guardedPost(url, {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Registre-alerts',
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

  async send(to: string[], subject: string, text: string): Promise<void> {
    const { smtpUrl, from } = this.config.alerts;
    if (!smtpUrl) throw new Error('SMTP_URL is not set');
    this.transporter ??= createTransport(smtpUrl);
    await this.transporter.sendMail({ from, to, subject, text });
  }
}
