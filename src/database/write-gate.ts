import { AsyncLocalStorage } from 'node:async_hooks';
import { GateTimeoutError } from '../common/database-errors';

/**
 * One writer at a time on a connection, in arrival order. SQLite gives a process one connection, shared by
 * every request: without this, two requests' transactions would interleave on it (one becoming a savepoint
 * of the other, committed or rolled back with it). The holder's asynchronous work is marked, so that its
 * own queries pass while everyone else's wait.
 */
export class WriteGate {
  private tail: Promise<void> = Promise.resolve();
  private readonly context = new AsyncLocalStorage<symbol>();
  private holder: symbol | undefined;

  /** Someone holds the gate (a transaction is open on the connection). */
  get busy(): boolean {
    return this.holder !== undefined;
  }

  /** The calling code runs inside the current holder's work. */
  get owned(): boolean {
    const token = this.context.getStore();
    return token !== undefined && token === this.holder;
  }

  /**
   * Runs `work` alone: after every earlier holder, and before every later one. Inside the holder's own
   * work it simply runs (re-entrant). Gives up with GateTimeoutError after `waitMs` of waiting.
   */
  async run<T>(work: () => Promise<T>, waitMs = Infinity): Promise<T> {
    if (this.owned) return work();
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    if (!(await settlesWithin(previous, waitMs))) {
      // Our turn is given up, but those after us must still wait for those before us.
      void previous.then(release);
      throw new GateTimeoutError(waitMs);
    }
    const token = Symbol('writer');
    this.holder = token;
    try {
      return await this.context.run(token, work);
    } finally {
      this.holder = undefined;
      release();
    }
  }
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  if (!Number.isFinite(ms)) {
    await promise;
    return true;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
