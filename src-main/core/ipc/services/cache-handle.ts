// One long-lived read handle on the local cache for the analytical channels (opening SQLite and
// checking the aggregates on every request would cost more than most queries). Reset after a
// sync or an import so the next request sees a freshly opened, fully migrated file.
import { openAnalyticsCache } from '../../analytics/ready';
import type { CacheDb } from '../../cache/database';

export class CacheHandle {
  private db: CacheDb | null = null;

  constructor(private readonly path: string) {}

  /** Throws CACHE (with what to do) while the cache is missing or was never synchronised. */
  get(): CacheDb {
    if (this.db && this.db.open) return this.db;
    this.db = openAnalyticsCache(this.path);
    return this.db;
  }

  reset(): void {
    try {
      this.db?.close();
    } catch {
      /* already closed */
    }
    this.db = null;
  }
}
