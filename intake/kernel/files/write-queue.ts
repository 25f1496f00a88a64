/**
 * Writing downloaded messages to the raw store a few at a time. Each store write syncs to disk
 * (file, then folder) and waits for it; overlapping a few writes lets the disk commit them
 * together, several times faster than one by one. The same message twice in one batch (a
 * duplicate delivery) is written after itself, so the store sees it once and says so.
 * A failed write is kept and thrown by `drain`, after the others have settled: the caller moves
 * the cursor only when `drain` resolves.
 */
export class StoreQueue {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly byKey = new Map<string, Promise<void>>();
  private failure: { error: unknown } | null = null;

  constructor(private readonly limit: number) {}

  /** True once a write has failed: stop handing over more. */
  get failed(): boolean {
    return this.failure !== null;
  }

  /** Starts a write; returns when fewer than `limit` writes are in flight. */
  async add(key: string, write: () => Promise<void>): Promise<void> {
    const previous = this.byKey.get(key) ?? Promise.resolve();
    const tracked: Promise<void> = previous
      .then(write)
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => {
        this.inFlight.delete(tracked);
        if (this.byKey.get(key) === tracked) this.byKey.delete(key);
      });
    this.inFlight.add(tracked);
    this.byKey.set(key, tracked);
    while (this.inFlight.size >= this.limit) await Promise.race(this.inFlight);
  }

  /** Waits for every write, failed or not (before giving up on a batch: no write outlives it). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Waits for every write; throws the first failure. */
  async drain(): Promise<void> {
    await this.settle();
    if (this.failure) throw this.failure.error;
  }
}
