/**
 * A bounded, in-memory cache of computed answers with single flight: the least recently used entry
 * goes first once `capacity` entries are held; concurrent requests for the same key share one
 * computation; a computation that fails is not kept (the next request computes again). A capacity of
 * 0 keeps nothing but still shares computations in flight.
 */
export class AnswerCache<T> {
  private readonly entries = new Map<string, T>();
  private readonly inFlight = new Map<string, Promise<T>>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached answer for `key`, or the one being computed, or a new computation. */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return Promise.resolve(hit);
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const promise = (async () => {
      try {
        const value = await compute();
        this.store(key, value);
        return value;
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Whether a computation for `key` is under way (a `get` now would share it). */
  computing(key: string): boolean {
    return this.inFlight.has(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private store(key: string, value: T): void {
    if (this.capacity < 1) return;
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
