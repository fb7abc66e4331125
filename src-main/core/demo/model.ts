// The shape of the demo's sales: seasonality, week, opening hours, basket sizes, returns,
// promotions, anonymous receipts. Numbers a retail controller would recognise; the SQL
// generator (sales-sql.ts) reads them from here so they can be tuned in one place.

/** Monthly footfall factors, January..December: winter sales lull, summer, December peak. */
export const MONTH_FACTOR = [0.86, 0.8, 0.92, 0.95, 0.98, 1.0, 1.12, 1.08, 0.93, 0.96, 1.04, 1.4];

/** Extra footfall on 15..24 December (Christmas shopping). */
export const CHRISTMAS_RUSH = 1.3;

/** ISO weekday factors, Monday..Sunday: Saturday high, Sunday morning only where opened. */
export const WEEKDAY_FACTOR = [0.85, 0.8, 0.95, 0.9, 1.1, 1.5, 0.4];

/** Days every store is closed (MM-DD). */
export const CLOSED_DAYS = ['01-01', '05-01', '12-25'];

/** Opening hours (Paris time): 9h..20h, Sunday 9h..13h. Relative traffic per hour from 9h. */
export const OPENING_HOUR = 9;
export const HOUR_PROFILE = {
  weekday: [0.55, 0.8, 1.0, 1.15, 0.95, 0.8, 0.85, 1.0, 1.25, 1.35, 0.9],
  saturday: [0.7, 1.0, 1.2, 1.25, 1.05, 1.05, 1.15, 1.2, 1.15, 1.0, 0.6],
  sunday: [0.8, 1.2, 1.3, 1.0],
} as const;

/**
 * Receipts are cut out of the line sequence in blocks: every block of BLOCK_LINES consecutive
 * lines holds exactly BLOCK_RECEIPTS receipts, cut at seeded positions (a random composition),
 * so sizes vary (1..~15 lines, mean 4) while the id of any line's receipt is a closed formula:
 * no running total across chunks is needed and chunks are independent.
 */
export const BLOCK_LINES = 40;
export const BLOCK_RECEIPTS = 10;
/** Number of distinct cut patterns (a power of two: picked by masking a hash). */
export const PATTERNS = 1024;
/** Lines per receipt in the final, partial block. */
export const TAIL_RECEIPT_LINES = 4;

/** Ramp-up of a store opened during the history: starts at this share, full after RAMP_DAYS. */
export const RAMP_START = 0.55;
export const RAMP_DAYS = 180;

/** Day-to-day noise on a store's footfall: uniform factor in [1 - x, 1 + x]. */
export const DAY_NOISE = 0.2;

export const RETURN_RATE = 0.01;
export const PROMO_RATE = 0.08;
export const PROMO_DISCOUNTS = [0.1, 0.2, 0.3, 0.5];

/**
 * Annual price revisions: the price paid in a year Y is the current list price times this
 * factor for (current year - Y). Exact decimals, so no floating-point rounding can differ.
 */
export const PRICE_INDEX = [1, 0.976, 0.952, 0.929];

/** Items above this price are bought one at a time. */
export const SINGLE_ITEM_PRICE = 30;

/** How many loyalty-card visits each known client makes on average over the history. */
export const VISITS_PER_CLIENT = 12;

/** About this many receipts get a montant_ttc that disagrees with their lines. */
export const ANOMALIES = 25;
