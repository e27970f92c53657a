import { performance } from 'node:perf_hooks';

/*
 * Long computations written as steps: a generator that yields wherever its caller may give the event
 * loop back. The same steps run at once (`drain`) or in slices (`runInSlices`), so both give the same
 * result.
 */

/** Lets timers and I/O callbacks waiting behind a long computation run. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs steps to their end, without giving anything back. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs steps to their end, giving the event loop back whenever they have run for `sliceMs`. */
export async function runInSlices<T>(steps: Generator<void, T>, sliceMs: number): Promise<T> {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since >= sliceMs) {
      await yieldToEventLoop();
      since = performance.now();
    }
  }
}
