// SQL that generates receipts (ventes) and their lines (lignes_ventes) set-based, chunk by chunk,
// inside the server: Node only sends statements, so memory stays flat at any volume.
//
// How a chunk is made (all draws are hashes of (seed, row number), see random.ts):
// 1. demo_slot (built once) lists every (store, day) on which the store is open in the history,
//    with a weight = size x season x weekday x trend x ramp-up x noise. Receipt ids 1..V are laid
//    over the cumulated weights (systematic sampling), so receipt ids follow time, a slot gets a
//    number of receipts proportional to its weight, and a chunk of ids maps to a run of slots.
// 2. Receipt ids within a slot get increasing times of day drawn from the hourly profile.
// 3. Line i belongs to block (i-1)/BLOCK_LINES whose seeded cut pattern names its receipt.
//    Patterns, category ranges and prices are inlined as int arrays (O(1) subscripts), so the
//    hot path has no join at all; three hashes per line feed seven decisions (random.ts sqlSlot).
// 4. Lines are staged in demo_l, the receipt totals are summed from them (montant_ttc), then
//    ventes and lignes_ventes are inserted, receipts first (the lines' triggers look them up).
import {
  BLOCK_LINES,
  BLOCK_RECEIPTS,
  CHRISTMAS_RUSH,
  CLOSED_DAYS,
  DAY_NOISE,
  HOUR_PROFILE,
  MONTH_FACTOR,
  OPENING_HOUR,
  PATTERNS,
  PRICE_INDEX,
  PROMO_DISCOUNTS,
  PROMO_RATE,
  RAMP_DAYS,
  RAMP_START,
  RETURN_RATE,
  SINGLE_ITEM_PRICE,
  TAIL_RECEIPT_LINES,
  WEEKDAY_FACTOR,
  ANOMALIES,
  VISITS_PER_CLIENT,
} from './model';
import { STREAM, sqlHash, sqlSlot, sqlUniform, uniform } from './random';
import type { ReferenceData } from './reference';

export interface SalesPlan {
  seed: number;
  start: string;
  today: string;
  lines: number;
  receipts: number;
  fullBlocks: number;
  totalBlocks: number;
  stores: number;
  clientsPerStore: number;
  clients: number;
  phase: number;
  anomalyStep: number;
  anomalyOffset: number;
}

export interface ChunkRange {
  lineFrom: number;
  lineTo: number;
  receiptFrom: number;
  receiptTo: number;
}

export function planSales(
  seed: number,
  start: string,
  today: string,
  lines: number,
  stores: number,
): SalesPlan {
  const fullBlocks = Math.floor(lines / BLOCK_LINES);
  const tail = lines % BLOCK_LINES;
  const receipts = fullBlocks * BLOCK_RECEIPTS + Math.ceil(tail / TAIL_RECEIPT_LINES);
  const clientsPerStore = Math.max(20, Math.ceil((receipts * 0.6) / (stores * VISITS_PER_CLIENT)));
  const anomalyStep = Math.max(1, Math.floor(receipts / ANOMALIES));
  return {
    seed,
    start,
    today,
    lines,
    receipts,
    fullBlocks,
    totalBlocks: fullBlocks + (tail > 0 ? 1 : 0),
    stores,
    clientsPerStore,
    clients: clientsPerStore * stores,
    phase: uniform(seed, STREAM.phase, 0),
    anomalyStep,
    anomalyOffset: Math.floor(uniform(seed, STREAM.phase, 1) * anomalyStep),
  };
}

/** Splits the work into chunks of whole blocks of about `chunkLines` lines. */
export function chunkRanges(plan: SalesPlan, chunkLines: number): ChunkRange[] {
  const per = Math.max(1, Math.ceil(chunkLines / BLOCK_LINES));
  const out: ChunkRange[] = [];
  for (let b = 0; b < plan.totalBlocks; b += per) {
    const end = Math.min(b + per, plan.totalBlocks);
    out.push({
      lineFrom: b * BLOCK_LINES + 1,
      lineTo: Math.min(end * BLOCK_LINES, plan.lines),
      receiptFrom: b * BLOCK_RECEIPTS + 1,
      receiptTo: end === plan.totalBlocks ? plan.receipts : end * BLOCK_RECEIPTS,
    });
  }
  return out;
}

// ---- literals (every value inlined below is a number or a validated date, never user text)

function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`non-finite number in generated SQL: ${x}`);
  return String(x);
}
const floats = (xs: readonly number[]) => `ARRAY[${xs.map(num).join(',')}]::float8[]`;
const ints = (xs: readonly number[]) => `ARRAY[${xs.map(num).join(',')}]::int[]`;
const date = (d: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`bad date ${d}`);
  return `DATE '${d}'`;
};

/** Lower bounds and widths of the cumulated, normalised hourly profile. */
function profile(weights: readonly number[]) {
  const total = weights.reduce((a, b) => a + b, 0);
  const lo: number[] = [];
  let acc = 0;
  for (const w of weights) {
    lo.push(acc / total);
    acc += w;
  }
  return { lo, wd: weights.map((w) => w / total) };
}

/** Temp tables and reference parameters shared by every chunk. Run once per transaction. */
export function setupStatements(plan: SalesPlan, ref: ReferenceData): string[] {
  const u = (stream: number, expr: string) => sqlUniform(plan.seed, stream, expr);
  const storeRows = ref.stores
    .map(
      (s) =>
        `(${s.id}, ${num(s.size)}, ${num(s.growth)}, ${s.sunday}, ${num(s.anonymous)}, ` +
        `${s.date_ouverture ? date(s.date_ouverture) : 'NULL'}, ${s.date_fermeture ? date(s.date_fermeture) : 'NULL'})`,
    )
    .join(',\n');
  const closed = CLOSED_DAYS.map((d) => `'${d}'`).join(',');
  return [
    `CREATE TEMP TABLE demo_store (id int PRIMARY KEY, size float8, growth float8, sunday bool,
       anonymous float8, date_ouverture date, date_fermeture date) ON COMMIT DROP`,
    `INSERT INTO demo_store VALUES ${storeRows}`,
    // One row per (store, open day) with its weight; receipts are laid over the cumulated
    // weights. Weights are integers so the running sum is exact and the allocation is stable.
    `CREATE TEMP TABLE demo_slot ON COMMIT DROP AS
     WITH days AS (
       SELECT s.id AS store_id, d::date AS day, s.size, s.growth, s.sunday, s.date_ouverture
       FROM demo_store s,
            generate_series(greatest(${date(plan.start)}, s.date_ouverture),
                            least(${date(plan.today)}, s.date_fermeture - 1), interval '1 day') d),
     -- MATERIALIZED: computed once per row; inlined, the weight expression was re-evaluated
     -- above the window aggregates (1.4 s -> 0.8 s for 125,000 slots, same values).
     w AS MATERIALIZED (
       SELECT store_id, day, extract(isodow FROM day)::int AS dow,
         round(1000000 * size
           * (${floats(MONTH_FACTOR)})[extract(month FROM day)::int]
           * (${floats(WEEKDAY_FACTOR)})[extract(isodow FROM day)::int]
           * (CASE WHEN extract(month FROM day) = 12 AND extract(day FROM day) BETWEEN 15 AND 24 THEN ${num(CHRISTMAS_RUSH)} ELSE 1 END)
           * (CASE WHEN to_char(day, 'MM-DD') IN (${closed}) THEN 0
                   WHEN extract(isodow FROM day) = 7 AND NOT sunday THEN 0 ELSE 1 END)
           * (1 + growth * (day - ${date(plan.start)}) / 365.25)
           * (CASE WHEN date_ouverture > ${date(plan.start)}
                   THEN least(1, ${num(RAMP_START)} + ${num(1 - RAMP_START)} * (day - date_ouverture) / ${num(RAMP_DAYS)}.0)
                   ELSE 1 END)
           * (${num(1 - DAY_NOISE)} + ${num(2 * DAY_NOISE)} * ${u(STREAM.dayNoise, `store_id * 100000 + (day - ${date(plan.start)})`)})
         )::bigint AS w
       FROM days),
     c AS (
       SELECT *, sum(w) OVER (ORDER BY day, store_id) AS cum, sum(w) OVER () AS total FROM w)
     SELECT store_id, day, dow, w,
       floor((cum - w)::numeric * ${plan.receipts} / total + ${num(plan.phase)})::bigint + 1 AS first_v,
       floor(cum::numeric * ${plan.receipts} / total + ${num(plan.phase)})::bigint AS last_v
     FROM c`,
    `CREATE INDEX ON demo_slot (first_v)`,
    `CREATE TEMP TABLE demo_v (id bigint, magasin_id bigint, client_id bigint, date_vente timestamptz)
       ON COMMIT DROP`,
    `CREATE TEMP TABLE demo_l (id bigint, vente_id bigint, produit_id bigint, quantite int,
       prix_unitaire numeric(12,2)) ON COMMIT DROP`,
    // Receipt totals of a chunk (generator sessions only, see generator.ts).
    `CREATE TEMP TABLE demo_t (vente_id bigint, total numeric) ON COMMIT DROP`,
  ];
}

/** Time of day (seconds after midnight) for quantile expression q on a given ISO weekday. */
function timeOfDaySql(q: string, dow: string): string {
  const branch = (weights: readonly number[]) => {
    const { lo, wd } = profile(weights);
    const b = `width_bucket(${q}, ${floats(lo)})`;
    return `(${OPENING_HOUR * 3600} + (${b} - 1) * 3600 + least(3599, floor((${q} - (${floats(lo)})[${b}]) / (${floats(wd)})[${b}] * 3600)))`;
  };
  return `CASE ${dow} WHEN 6 THEN ${branch(HOUR_PROFILE.saturday)} WHEN 7 THEN ${branch(HOUR_PROFILE.sunday)} ELSE ${branch(HOUR_PROFILE.weekday)} END`;
}

/** What chunks need beyond the plan: computed once per seeding. */
export interface SalesContext {
  /** SQL int[] literal: receipt index of each (pattern, position), pattern-major. */
  patterns: string;
  /** First receipt id of each calendar year of the history. */
  yearStarts: { year: number; firstReceipt: number }[];
}

/**
 * Cut patterns: in each pattern, the BLOCK_RECEIPTS-1 positions (among 1..BLOCK_LINES-1) with the
 * smallest draw start a new receipt; a line's receipt index is the number of cuts at or before it.
 */
export function patternsLiteral(seed: number): string {
  const out: number[] = [];
  for (let k = 0; k < PATTERNS; k++) {
    const positions = Array.from({ length: BLOCK_LINES - 1 }, (_, j) => j + 1);
    const draw = (pos: number) => uniform(seed, STREAM.pattern, k * 64 + pos);
    const cuts = new Set(
      positions.sort((a, b) => draw(a) - draw(b) || a - b).slice(0, BLOCK_RECEIPTS - 1),
    );
    let ridx = 0;
    for (let pos = 0; pos < BLOCK_LINES; pos++) {
      if (cuts.has(pos)) ridx++;
      out.push(ridx);
    }
  }
  return ints(out);
}

/** Reads the first receipt id of each year from demo_slot (after setupStatements). */
export const YEAR_STARTS_SQL = `SELECT extract(year FROM day)::int AS year, min(first_v) AS first_receipt
  FROM demo_slot WHERE last_v >= first_v GROUP BY 1 ORDER BY 1`;

/** Statements that generate and insert one chunk, in order. */
export function chunkStatements(
  plan: SalesPlan,
  ref: ReferenceData,
  ctx: SalesContext,
  r: ChunkRange,
): string[] {
  const u = (stream: number, expr: string) => sqlUniform(plan.seed, stream, expr);
  // Receipt ids follow time, so the year of a line's receipt is a range of ids.
  const thisYear = Number(plan.today.slice(0, 4));
  const whens = ctx.yearStarts
    .filter((y) => thisYear - y.year < PRICE_INDEX.length)
    .sort((a, b) => b.year - a.year)
    .map((y) => `WHEN z.vid >= ${y.firstReceipt} THEN ${num(PRICE_INDEX[thisYear - y.year]!)}`);
  const oldest = num(PRICE_INDEX[PRICE_INDEX.length - 1]!);
  const priceIndex = whens.length ? `(CASE ${whens.join(' ')} ELSE ${oldest} END)` : oldest;
  const patterns = ctx.patterns;
  const trafficTotal = ref.categories.reduce((a, c) => a + c.traffic, 0);
  let acc = 0;
  const catLo = ref.categories.map((c) => {
    const lo = acc / trafficTotal;
    acc += c.traffic;
    return lo;
  });
  const catFirst = ints(ref.categories.map((c) => c.first_product));
  const catCount = ints(ref.categories.map((c) => c.products));
  const discounts = floats(PROMO_DISCOUNTS);
  const q = `((g.v - sl.first_v + ${u(STREAM.timeOfDay, 'g.v')}) / (sl.last_v - sl.first_v + 1))`;
  return [
    `TRUNCATE demo_v, demo_l`,
    `INSERT INTO demo_v
     SELECT g.v, sl.store_id,
       CASE WHEN ${u(STREAM.anonymous, 'g.v')} < st.anonymous THEN NULL
            ELSE floor(${plan.clientsPerStore} * ${u(STREAM.client, 'g.v')} * ${u(STREAM.client, 'g.v + 1000000000000')})::bigint * ${plan.stores} + sl.store_id END,
       (sl.day + make_interval(secs => ${timeOfDaySql(q, 'sl.dow')})) AT TIME ZONE 'Europe/Paris'
     FROM demo_slot sl
     JOIN demo_store st ON st.id = sl.store_id
     CROSS JOIN LATERAL generate_series(greatest(sl.first_v, ${r.receiptFrom}), least(sl.last_v, ${r.receiptTo})) g(v)
     WHERE sl.first_v <= ${r.receiptTo} AND sl.last_v >= ${r.receiptFrom} AND sl.last_v >= sl.first_v`,
    // Product choice: a category by traffic share, then a skewed rank inside it (a few best
    // sellers, a long tail) scattered over the category's ids by a multiplicative permutation
    // (7919 is prime and larger than any category, so it is coprime with every count).
    // OFFSET 0 keeps each level from being flattened into the next, so every hash is computed
    // once per line rather than once per reference.
    `INSERT INTO demo_l
     SELECT z.i, z.vid, z.pid,
       CASE WHEN ${sqlSlot('z.h2', 0)} < ${num(RETURN_RATE)} THEN -1
            WHEN z.cents >= ${SINGLE_ITEM_PRICE * 100} THEN 1
            ELSE (ARRAY[1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,3,4])[1 + floor(20 * ${sqlSlot('z.h2', 1)})::int] END,
       round(z.cents::numeric / 100 * ${priceIndex}
         * (CASE WHEN ${sqlSlot('z.h2', 2)} < ${num(PROMO_RATE)}
                 THEN 1 - ((${discounts})[1 + floor(${PROMO_DISCOUNTS.length} * ${sqlSlot('z.h2', 2)} / ${num(PROMO_RATE)})::int])::numeric
                 ELSE 1 END), 2)
     FROM (
       SELECT y.i, y.vid, y.pid, (${ints(ref.products.map((p) => Math.round(p.prix_vente * 100)))})[y.pid] AS cents,
         ${sqlHash(plan.seed, STREAM.lineExtra, 'y.i')} AS h2
       FROM (
         SELECT x.i, x.vid,
           (${catFirst})[x.c] + (floor((${catCount})[x.c] * ${sqlSlot('x.h1', 1)} * ${sqlSlot('x.h1', 2)})::bigint * 7919) % (${catCount})[x.c] AS pid
         FROM (
           SELECT s.i, s.h1, width_bucket(${sqlSlot('s.h1', 0)}, ${floats(catLo)}) AS c,
             CASE WHEN s.b < ${plan.fullBlocks}
                  THEN s.b * ${BLOCK_RECEIPTS} + (${patterns})[(${sqlHash(plan.seed, STREAM.block, 's.b')} & ${PATTERNS - 1}) * ${BLOCK_LINES} + s.pos + 1]
                  ELSE ${plan.fullBlocks * BLOCK_RECEIPTS} + s.pos / ${TAIL_RECEIPT_LINES} END + 1 AS vid
           FROM (SELECT i, ${sqlHash(plan.seed, STREAM.line, 'i')} AS h1, (i - 1) / ${BLOCK_LINES} AS b, ((i - 1) % ${BLOCK_LINES})::int AS pos
                 FROM generate_series(${r.lineFrom}::bigint, ${r.lineTo}::bigint) i OFFSET 0) s
           OFFSET 0) x
         OFFSET 0) y
       OFFSET 0) z`,
    // A handful of receipts (every anomalyStep-th) carry a total that disagrees with their
    // lines by 0.05..20 euros: the data-quality report must find them. The statement also
    // returns the chunk's revenue in cents (for the stores' annual targets), from the same
    // aggregation pass.
    `WITH t AS (SELECT vente_id, sum(quantite * prix_unitaire) AS total FROM demo_l GROUP BY vente_id),
     ins AS (
       INSERT INTO ventes (id, magasin_id, client_id, date_vente, montant_ttc) OVERRIDING SYSTEM VALUE
       SELECT v.id, v.magasin_id, v.client_id, v.date_vente, ${receiptTotalSql(plan)}
       FROM demo_v v JOIN t ON t.vente_id = v.id
       ORDER BY v.id)
     SELECT coalesce(sum(total) * 100, 0)::bigint AS cents FROM t`,
    // magasin_id is the value the epm_fill_magasin_id trigger computes (the receipt's store),
    // given explicitly so that the superuser bulk path can skip the per-row triggers.
    `INSERT INTO lignes_ventes (id, vente_id, produit_id, quantite, prix_unitaire, magasin_id) OVERRIDING SYSTEM VALUE
     SELECT l.id, l.vente_id, l.produit_id, l.quantite, l.prix_unitaire, v.magasin_id
     FROM demo_l l JOIN demo_v v ON v.id = l.vente_id`,
  ];
}

/** montant_ttc of receipt v from its lines' total t.total (plus the seeded anomalies). */
function receiptTotalSql(plan: SalesPlan): string {
  const u = (stream: number, expr: string) => sqlUniform(plan.seed, stream, expr);
  return `t.total + CASE WHEN v.id % ${plan.anomalyStep} = ${plan.anomalyOffset}
           THEN (CASE WHEN ${u(STREAM.anomaly, 'v.id')} < 0.5 THEN -1 ELSE 1 END)
                * (0.05 + floor(1996 * ${u(STREAM.anomaly, 'v.id + 1000000000000')}) / 100)::numeric
           ELSE 0 END`;
}

/**
 * The same chunk for the two-session pipeline (generator.ts): a generator session stages it
 * (`stage`, run in order), then streams the rows out with `COPY ... TO STDOUT (FORMAT binary)`
 * in exactly the column types of ventes and lignes_ventes, and the seeding session copies them
 * in. The values are those of chunkStatements: the same staging statements, the same totals;
 * the casts are the assignment casts the INSERTs apply.
 */
export function chunkPipelineStatements(
  plan: SalesPlan,
  ref: ReferenceData,
  ctx: SalesContext,
  r: ChunkRange,
): { stage: string[]; cents: string; ventes: string; lignes: string } {
  const [, receipts, saleLines] = chunkStatements(plan, ref, ctx, r);
  return {
    stage: [
      `TRUNCATE demo_v, demo_l, demo_t`,
      receipts!,
      saleLines!,
      `INSERT INTO demo_t SELECT vente_id, sum(quantite * prix_unitaire) FROM demo_l GROUP BY vente_id`,
    ],
    cents: `SELECT coalesce(sum(total) * 100, 0)::bigint AS cents FROM demo_t`,
    ventes: `COPY (SELECT v.id, v.magasin_id, v.client_id, v.date_vente,
        (${receiptTotalSql(plan)})::numeric(14,2)
      FROM demo_v v JOIN demo_t t ON t.vente_id = v.id ORDER BY v.id) TO STDOUT (FORMAT binary)`,
    lignes: `COPY (SELECT l.id, l.vente_id, l.produit_id, l.quantite::int, l.prix_unitaire::numeric(12,2), v.magasin_id
      FROM demo_l l JOIN demo_v v ON v.id = l.vente_id ORDER BY l.id) TO STDOUT (FORMAT binary)`,
  };
}

/** Column lists of the seeding session's COPY FROM, matching chunkPipelineStatements. */
export const COPY_IN = {
  ventes: `COPY ventes (id, magasin_id, client_id, date_vente, montant_ttc) FROM STDIN (FORMAT binary)`,
  lignes: `COPY lignes_ventes (id, vente_id, produit_id, quantite, prix_unitaire, magasin_id) FROM STDIN (FORMAT binary)`,
};

/**
 * Annual targets consistent with each store's size: its expected yearly revenue (its share of
 * the weights, annualised over its open days) plus a 3..8 % ambition.
 */
export function objectiveStatement(plan: SalesPlan, totalCents: bigint): string {
  return `UPDATE magasins m SET objectif_ca = x.objectif_ca
    FROM (${objectiveValuesSql(plan, totalCents)}) x WHERE x.id = m.id`;
}

/** (id, objectif_ca) of every store with sales, from demo_slot (any session holding it). */
export function objectiveValuesSql(plan: SalesPlan, totalCents: bigint): string {
  const u = (stream: number, expr: string) => sqlUniform(plan.seed, stream, expr);
  return `SELECT x.store_id::bigint AS id,
      round(${totalCents}::numeric / 100 * x.w / x.total / x.days * 365
            * (1.03 + 0.05 * ${u(STREAM.objective, 'x.store_id')})::numeric, -2) AS objectif_ca
    FROM (SELECT store_id, sum(w) AS w, count(*) AS days, sum(sum(w)) OVER () AS total
          FROM demo_slot GROUP BY store_id) x
    WHERE x.total > 0`;
}
