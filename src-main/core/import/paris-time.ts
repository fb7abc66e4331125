// Wall-clock times without an offset are Paris times (DOMAIN.md §2). This turns such a time
// into an instant the way PostgreSQL's `timestamp AT TIME ZONE 'Europe/Paris'` does, so a file
// imports to the same instants whether the conversion happens here or in SQL:
// - in the autumn overlap (02:00–02:59 happens twice) the later, standard-time instant wins;
// - in the spring gap (02:00–02:59 does not exist) the offset in force before the gap applies.
// Offsets come from the tz database of Node's ICU and are cached per local hour (Paris changes
// offset on the hour), so a million receipts cost a few thousand Intl calls.

const paris = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Minutes to add to UTC to get Paris wall-clock time at the instant utcMs. */
function offsetAt(utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of paris.formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

const cache = new Map<number, number>();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The UTC offset (minutes) that applies to a Paris wall-clock hour. */
export function parisOffsetMinutes(year: number, month: number, day: number, hour: number): number {
  const key = ((year * 100 + month) * 100 + day) * 100 + hour;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const wall = Date.UTC(year, month - 1, day, hour, 30);
  const before = offsetAt(wall - DAY);
  const after = offsetAt(wall + DAY);
  const valid = [...new Set([before, after])].filter((o) => offsetAt(wall - o * 60_000) === o);
  // Two valid offsets: the overlap, take the smaller (the later instant). None: the gap.
  const offset = valid.length > 0 ? Math.min(...valid) : before;
  if (cache.size > 100_000) cache.clear();
  cache.set(key, offset);
  return offset;
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
