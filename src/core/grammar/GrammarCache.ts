/** Counters of a {@link GrammarCache}, for tests and benchmarks. */
export interface GrammarCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  size: number;
  capacity: number;
}

/** A bounded LRU map: compiled grammars by key, least recently used evicted first. */
export class GrammarCache<T> {
  private readonly map = new Map<string, T>();
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(readonly capacity: number) {}

  get(key: string): T | undefined {
    const v = this.map.get(key);
    if (v === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.map.delete(key); // re-insert: Map order is recency order
    this.map.set(key, v);
    return v;
  }

  set(key: string, value: T): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
      this.evictions++;
    }
  }

  stats(): GrammarCacheStats {
    return { hits: this.hits, misses: this.misses, evictions: this.evictions, size: this.map.size, capacity: this.capacity };
  }

  clear(): void {
    this.map.clear();
    this.hits = 0;
    this.misses = 0;
    this.evictions = 0;
  }
}
