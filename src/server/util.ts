/** Small building blocks: a serial queue per exercise and a bounded LRU map. */

/**
 * Runs tasks one at a time, in the order they were queued. Each exercise has
 * one, so sequence numbers never race. A failing task does not stop the next.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  get size(): number {
    return this.pending;
  }

  run<T>(task: () => Promise<T> | T): Promise<T> {
    this.pending += 1;
    const result = this.tail.then(task);
    this.tail = result.then(
      () => {
        this.pending -= 1;
      },
      () => {
        this.pending -= 1;
      },
    );
    return result;
  }

  /** Resolves once every task queued so far has finished. */
  async drain(): Promise<void> {
    await this.tail;
  }
}

/** A Map that forgets its least recently used entries beyond `max`. */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
  }

  get size(): number {
    return this.map.size;
  }
}

/** Calls fn at most once; later calls are ignored. */
export function once<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => boolean {
  let called = false;
  return (...args: A) => {
    if (called) return false;
    called = true;
    fn(...args);
    return true;
  };
}
