import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { createTransport, Transporter } from 'nodemailer';

export interface AlertsConfig {
  smtpUrl?: string;
  from: string;
  retryBaseMs: number;
  attempts: number;
  timeoutMs: number;
}

export function alertsConfig(env: NodeJS.ProcessEnv = process.env): AlertsConfig {
  return {
    smtpUrl: env.SMTP_URL?.trim() || undefined,
    from: env.ALERTS_FROM?.trim() || 'Registre <registre@localhost>',
    retryBaseMs: Number(env.ALERTS_RETRY_BASE_MS ?? 1000),
    attempts: Number(env.ALERTS_ATTEMPTS ?? 3),
    timeoutMs: Number(env.ALERTS_TIMEOUT_MS ?? 10_000),
  };
}

/** `X-Registre-Signature: sha256=<hex>` over `<timestamp>.<body>`, with the channel's secret. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Side effects behind small adapters, so that the alert service is tested with real servers or fakes. */
@Injectable()
export class WebhookSender {
  async post(url: string, secret: string, payload: unknown, timeoutMs: number, now = new Date()): Promise<void> {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Registre-alerts',
        'x-registre-timestamp': timestamp,
        'x-registre-signature': signature(secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  }
}

@Injectable()
export class EmailSender {
  private transporter?: Transporter;

  async send(config: AlertsConfig, to: string[], subject: string, text: string): Promise<void> {
    if (!config.smtpUrl) throw new Error('SMTP_URL is not set');
    this.transporter ??= createTransport(config.smtpUrl);
    await this.transporter.sendMail({ from: config.from, to, subject, text });
  }
}
