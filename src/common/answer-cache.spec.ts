import { AnswerCache } from './answer-cache';

/** A computation the test finishes when it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('AnswerCache', () => {
  it('computes once for concurrent identical requests and shares the answer', async () => {
    const cache = new AnswerCache<string>(4);
    const pending = deferred<string>();
    let calls = 0;
    const compute = () => {
      calls++;
      return pending.promise;
    };
    const a = cache.get('k', compute);
    const b = cache.get('k', compute);
    pending.resolve('answer');
    expect(await Promise.all([a, b])).toEqual(['answer', 'answer']);
    expect(calls).toBe(1);
    expect(await cache.get('k', compute)).toBe('answer');
    expect(calls).toBe(1);
  });

  it('keeps different keys apart', async () => {
    const cache = new AnswerCache<string>(4);
    expect(await cache.get('a', async () => 'A')).toBe('A');
    expect(await cache.get('b', async () => 'B')).toBe('B');
    expect(await cache.get('a', async () => 'other')).toBe('A');
  });

  it('drops the least recently used entry beyond its capacity', async () => {
    const cache = new AnswerCache<string>(2);
    await cache.get('a', async () => 'A');
    await cache.get('b', async () => 'B');
    await cache.get('a', async () => 'A again'); // a is now the most recently used
    await cache.get('c', async () => 'C');
    expect(cache.size).toBe(2);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('c')).toBe(true);
    expect(await cache.get('b', async () => 'B recomputed')).toBe('B recomputed');
  });

  it('does not keep a failure: every waiter sees it, the next request computes again', async () => {
    const cache = new AnswerCache<string>(4);
    const pending = deferred<string>();
    const a = cache.get('k', () => pending.promise);
    const b = cache.get('k', () => Promise.resolve('not called'));
    pending.reject(new Error('database gone'));
    await expect(a).rejects.toThrow('database gone');
    await expect(b).rejects.toThrow('database gone');
    expect(cache.has('k')).toBe(false);
    expect(await cache.get('k', async () => 'second try')).toBe('second try');
  });

  it('with capacity 0 keeps nothing but still shares a computation in flight', async () => {
    const cache = new AnswerCache<number>(0);
    let calls = 0;
    const compute = async () => ++calls;
    expect(await Promise.all([cache.get('k', compute), cache.get('k', compute)])).toEqual([1, 1]);
    expect(await cache.get('k', compute)).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('tells whether a computation is under way, and keeps nothing at capacity 0', async () => {
    const cache = new AnswerCache<number>(0);
    let release: (n: number) => void = () => undefined;
    const first = cache.get('k', () => new Promise<number>((resolve) => (release = resolve)));
    expect(cache.computing('k')).toBe(true);
    expect(cache.computing('other')).toBe(false);
    const second = cache.get('k', () => Promise.resolve(2));
    release(1);
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    expect(cache.computing('k')).toBe(false);
    expect(cache.has('k')).toBe(false);
  });
});
