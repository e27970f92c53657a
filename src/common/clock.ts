import { DynamicModule, Global, Module } from '@nestjs/common';
import { parisDate } from './calendar-date';

/**
 * "Now", read in one place. Services take a `Clock` by injection (never `new Date()` or `Date.now()`),
 * so a test sets the time of the whole application; pure functions (rules, deadline arithmetic) take
 * the instant or the day as a parameter and read no clock at all.
 */
export abstract class Clock {
  abstract now(): Date;

  /** The current instant, ISO 8601 in UTC with milliseconds: how records, audit rows and keys store it. */
  instant(): string {
    return this.now().toISOString();
  }

  /** Today in Europe/Paris: the legal day, the default `asOf` of findings, documents and deadlines. */
  today(): string {
    return parisDate(this.now());
  }
}

/** The machine's clock: the default everywhere outside tests. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still where it is set; tests move it with `set` or `advance`. */
export class SettableClock extends Clock {
  private ms: number;

  constructor(at: string | Date) {
    super();
    this.ms = SettableClock.toMs(at);
  }

  now(): Date {
    return new Date(this.ms);
  }

  set(at: string | Date): this {
    this.ms = SettableClock.toMs(at);
    return this;
  }

  advance(ms: number): this {
    this.ms += ms;
    return this;
  }

  private static toMs(at: string | Date): number {
    const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
    if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(at)}`);
    return ms;
  }
}

/** Provides the one `Clock` of the application (AppModule.forRoot chooses which). */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock): DynamicModule {
    return { module: ClockModule, global: true, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
