// The demo generator on a real PostgreSQL with the project's migrations (triggers on): it is
// deterministic for a seed, refuses to overwrite data, and has the shape the screens and the
// data-quality report rely on (DOMAIN.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, query, type TestDatabase } from '../support/pg';
import { migrateCentral } from '../../src-main/core/migrations/central';
import { seedDemo, type SeedSummary } from '../../src-main/core/demo/seed';
import { tableChecksums } from '../../src-main/core/demo/checksum';
import { withCentral } from '../../src-main/core/pg/connect';
import { historyStart, parisToday } from '../../src-main/core/demo/calendar';
import { runCli } from '../../src-main/cli/framework';
import { commands } from '../../src-main/cli/commands/index';
import { AppError } from '../../src-shared/errors';

const LINES = 30_000;
const TODAY = parisToday();
const START = historyStart(TODAY);

// Per-table fingerprints over the DOMAIN.md §1 columns (tracking columns differ by design).
const CHECKSUM_SQL: Record<string, string> = {
  regions: "SELECT md5(string_agg((id, code, nom)::text, E'\\n' ORDER BY id)) AS h FROM regions",
  magasins:
    "SELECT md5(string_agg((id, region_id, nom, objectif_ca, date_ouverture, date_fermeture)::text, E'\\n' ORDER BY id)) AS h FROM magasins",
  categories:
    "SELECT md5(string_agg((id, code, nom, taux_tva, elasticite)::text, E'\\n' ORDER BY id)) AS h FROM categories",
  produits:
    "SELECT md5(string_agg((id, categorie_id, sku, libelle, prix_achat, prix_vente)::text, E'\\n' ORDER BY id)) AS h FROM produits",
  clients: "SELECT md5(string_agg(id::text, E'\\n' ORDER BY id)) AS h FROM clients",
  ventes:
    "SELECT md5(string_agg((id, magasin_id, client_id, extract(epoch FROM date_vente), montant_ttc)::text, E'\\n' ORDER BY id)) AS h FROM ventes",
  lignes_ventes:
    "SELECT md5(string_agg((id, vente_id, produit_id, quantite, prix_unitaire)::text, E'\\n' ORDER BY id)) AS h FROM lignes_ventes",
};

async function checksums(url: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [t, sql] of Object.entries(CHECKSUM_SQL))
    out[t] = (await query<{ h: string }>(url, sql))[0]!.h;
  return out;
}

const one = async <T extends Record<string, unknown>>(url: string, sql: string) =>
  (await query<T>(url, sql))[0]!;

describe('demo seed', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  let summaryA: SeedSummary;
  let first: Record<string, string>;

  beforeAll(async () => {
    a = await createTestDatabase('epm_demo_a');
    b = await createTestDatabase('epm_demo_b');
    await migrateCentral(a.url);
    await migrateCentral(b.url);
    const phases = new Set<string>();
    summaryA = await seedDemo(a.url, {
      lines: LINES,
      seed: 42,
      today: TODAY,
      onProgress: (p) => phases.add(p.phase),
    });
    expect([...phases]).toEqual(['reference', 'sales', 'indexes', 'analyze']);
    first = await checksums(a.url);
  });

  afterAll(async () => {
    await a?.drop();
    await b?.drop();
  });

  it('reports what it wrote', () => {
    expect(summaryA).toMatchObject({
      seed: 42,
      from: START,
      to: TODAY,
      regions: 8,
      magasins: 120,
      categories: 20,
      produits: 5000,
      lignes: LINES,
    });
    expect(summaryA.ventes).toBeGreaterThan(LINES / 6);
    expect(summaryA.clients).toBeGreaterThan(0);
    expect(summaryA.lines_per_second).toBeGreaterThan(0);
  });

  it('is deterministic: same seed, same rows; another seed, other rows', async () => {
    const again = await seedDemo(b.url, { lines: LINES, seed: 42, today: TODAY, checksum: true });
    expect(await checksums(b.url)).toEqual(first);
    // The summary's own (block-wise) fingerprints agree across the two databases too.
    expect(again.checksum).toEqual(await withCentral(a.url, tableChecksums));

    await expect(seedDemo(b.url, { lines: LINES, seed: 7, today: TODAY })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await seedDemo(b.url, { lines: LINES, seed: 7, today: TODAY, reset: true });
    const other = await checksums(b.url);
    for (const t of ['magasins', 'produits', 'ventes', 'lignes_ventes'])
      expect(other[t], t).not.toEqual(first[t]);
    // Regions and categories are the chain's fixed vocabulary.
    expect(other.regions).toEqual(first.regions);
  });

  it('refuses a non-empty database without reset', async () => {
    const err = await seedDemo(a.url, { lines: 100, today: TODAY }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONFLICT');
  });

  it('has the chain structure: regions, stores opening and closing, categories and VAT rates', async () => {
    const r = await one<{ n: string; codes: string }>(
      a.url,
      "SELECT count(*) AS n, string_agg(code, ',' ORDER BY code) AS codes FROM regions",
    );
    expect(Number(r.n)).toBe(8);
    expect(r.codes).toBe('R01,R02,R03,R04,R05,R06,R07,R08');
    const m = await one<Record<string, string>>(
      a.url,
      `SELECT count(*) AS n,
              count(*) FILTER (WHERE date_ouverture > '${START}') AS opened,
              count(*) FILTER (WHERE date_fermeture IS NOT NULL) AS closed,
              count(*) FILTER (WHERE date_fermeture BETWEEN '${START}' AND '${TODAY}') AS closed_in_history,
              count(*) FILTER (WHERE objectif_ca <= 0) AS no_target,
              count(DISTINCT region_id) AS regions
       FROM magasins`,
    );
    expect(Number(m.n)).toBeGreaterThanOrEqual(100);
    expect(Number(m.n)).toBeLessThanOrEqual(140);
    expect(Number(m.opened)).toBeGreaterThanOrEqual(3);
    expect(Number(m.closed)).toBeGreaterThanOrEqual(1);
    expect(Number(m.closed_in_history)).toBe(Number(m.closed));
    expect(Number(m.no_target)).toBe(0);
    expect(Number(m.regions)).toBe(8);
    // Targets follow store size: the biggest target is several times the smallest.
    const t = await one<{ lo: string; hi: string }>(
      a.url,
      'SELECT min(objectif_ca) AS lo, max(objectif_ca) AS hi FROM magasins',
    );
    expect(Number(t.hi) / Number(t.lo)).toBeGreaterThan(2);

    const c = await one<{ n: string; rates: string; codes: string; accents: string }>(
      a.url,
      `SELECT count(*) AS n, string_agg(DISTINCT taux_tva::text, ',') AS rates,
              min(code) || '..' || max(code) AS codes, count(*) FILTER (WHERE nom ~ '[ÉéèÎî]') AS accents
       FROM categories`,
    );
    expect(Number(c.n)).toBe(20);
    expect(c.codes).toBe('C01..C20');
    expect(c.rates.split(',').map(Number).sort()).toEqual([0.055, 0.1, 0.2]);
    expect(Number(c.accents)).toBeGreaterThan(0);

    const p = await one<Record<string, string>>(
      a.url,
      `SELECT count(*) AS n, count(DISTINCT sku) AS skus, count(*) FILTER (WHERE prix_achat < prix_vente) AS margin_ok,
              count(*) FILTER (WHERE libelle IS NULL OR libelle = '') AS unnamed
       FROM produits`,
    );
    expect(Number(p.n)).toBe(5000);
    expect(Number(p.skus)).toBe(5000);
    expect(Number(p.margin_ok) / 5000).toBeGreaterThan(0.97);
    expect(Number(p.unnamed)).toBe(0);
  });

  it('has realistic receipts: returns, anonymous customers, basket sizes, faulty totals', async () => {
    const l = await one<{ neg: string; n: string }>(
      a.url,
      'SELECT count(*) FILTER (WHERE quantite < 0) AS neg, count(*) AS n FROM lignes_ventes',
    );
    const negShare = Number(l.neg) / Number(l.n);
    expect(negShare).toBeGreaterThan(0.006);
    expect(negShare).toBeLessThan(0.015);

    const v = await one<{ anon: string; n: string }>(
      a.url,
      'SELECT count(*) FILTER (WHERE client_id IS NULL) AS anon, count(*) AS n FROM ventes',
    );
    const anonShare = Number(v.anon) / Number(v.n);
    expect(anonShare).toBeGreaterThan(0.35);
    expect(anonShare).toBeLessThan(0.45);

    const sizes = await one<{ lo: number; hi: number; empty: string }>(
      a.url,
      `SELECT min(c)::int AS lo, max(c)::int AS hi,
              (SELECT count(*) FROM ventes v WHERE NOT EXISTS (SELECT 1 FROM lignes_ventes l WHERE l.vente_id = v.id)) AS empty
       FROM (SELECT count(*) AS c FROM lignes_ventes GROUP BY vente_id) x`,
    );
    expect(sizes.lo).toBe(1);
    expect(sizes.hi).toBeGreaterThan(8);
    expect(Number(sizes.empty)).toBe(0);

    // DOMAIN.md §3 data quality: |montant_ttc − Σ lines| > 0.01 for a handful of receipts only.
    const off = await one<{ n: string }>(
      a.url,
      `SELECT count(*) AS n FROM ventes v
       JOIN (SELECT vente_id, sum(quantite * prix_unitaire) AS s FROM lignes_ventes GROUP BY vente_id) l ON l.vente_id = v.id
       WHERE abs(v.montant_ttc - l.s) > 0.01`,
    );
    expect(Number(off.n)).toBeGreaterThanOrEqual(3);
    expect(Number(off.n)).toBeLessThanOrEqual(60);

    // lignes_ventes.magasin_id is filled by the tracking trigger, like for any writer.
    const filled = await one<{ bad: string }>(
      a.url,
      'SELECT count(*) AS bad FROM lignes_ventes l JOIN ventes v ON v.id = l.vente_id WHERE l.magasin_id IS DISTINCT FROM v.magasin_id',
    );
    expect(Number(filled.bad)).toBe(0);
  });

  it('follows the calendar: 3 years to today, opening dates and hours, seasons and weekdays', async () => {
    const d = await one<{ lo: string; hi: string; outside: string; hours: string }>(
      a.url,
      `SELECT min((date_vente AT TIME ZONE 'Europe/Paris')::date)::text AS lo,
              max((date_vente AT TIME ZONE 'Europe/Paris')::date)::text AS hi,
              count(*) FILTER (WHERE (date_vente AT TIME ZONE 'Europe/Paris')::date NOT BETWEEN '${START}' AND '${TODAY}') AS outside,
              count(*) FILTER (WHERE extract(hour FROM date_vente AT TIME ZONE 'Europe/Paris') NOT BETWEEN 9 AND 19) AS hours
       FROM ventes`,
    );
    expect(Number(d.outside)).toBe(0);
    expect(Number(d.hours)).toBe(0);
    expect(d.lo >= START).toBe(true);
    expect(d.hi <= TODAY).toBe(true);

    const closed = await one<{ n: string }>(
      a.url,
      `SELECT count(*) AS n FROM ventes v JOIN magasins m ON m.id = v.magasin_id
       WHERE (m.date_ouverture IS NOT NULL AND (v.date_vente AT TIME ZONE 'Europe/Paris')::date < m.date_ouverture)
          OR (m.date_fermeture IS NOT NULL AND (v.date_vente AT TIME ZONE 'Europe/Paris')::date >= m.date_fermeture)`,
    );
    expect(Number(closed.n)).toBe(0);

    // December revenue above the average month (full months only).
    const months = await query<{ ym: string; ca: string }>(
      a.url,
      `SELECT to_char(date_vente AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS ym, sum(l.quantite * l.prix_unitaire) AS ca
       FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id
       WHERE (date_vente AT TIME ZONE 'Europe/Paris')::date >= date_trunc('month', DATE '${START}') + interval '1 month'
         AND (date_vente AT TIME ZONE 'Europe/Paris')::date < date_trunc('month', DATE '${TODAY}')
       GROUP BY 1`,
    );
    const avg = months.reduce((s, m) => s + Number(m.ca), 0) / months.length;
    const decembers = months.filter((m) => m.ym.endsWith('-12'));
    expect(decembers.length).toBeGreaterThanOrEqual(2);
    for (const dec of decembers) expect(Number(dec.ca), dec.ym).toBeGreaterThan(avg * 1.15);

    const dow = await query<{ d: number; ca: string }>(
      a.url,
      `SELECT extract(isodow FROM date_vente AT TIME ZONE 'Europe/Paris')::int AS d, sum(l.quantite * l.prix_unitaire) AS ca
       FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id GROUP BY 1`,
    );
    const byDay = new Map(dow.map((r) => [r.d, Number(r.ca)]));
    expect(byDay.get(6)!).toBeGreaterThan(byDay.get(2)! * 1.3); // Saturday vs Tuesday
    expect(byDay.get(7) ?? 0).toBeLessThan(byDay.get(2)! * 0.5); // Sunday: few stores, mornings
  });

  it('leaves the change-tracking columns as the triggers would (bulk path skips them)', async () => {
    const wrongStore = await one<{ n: string }>(
      a.url,
      `SELECT count(*) AS n FROM lignes_ventes l JOIN ventes v ON v.id = l.vente_id
       WHERE l.magasin_id IS DISTINCT FROM v.magasin_id`,
    );
    expect(Number(wrongStore.n)).toBe(0);
    // All sale rows were written by the seed's single transaction: one sync_txid, committed.
    const txids = await one<{ n: string; committed: boolean }>(
      a.url,
      `SELECT count(DISTINCT t) AS n,
              bool_and(pg_visible_in_snapshot(t, pg_current_snapshot())) AS committed
       FROM (SELECT sync_txid AS t FROM ventes UNION ALL SELECT sync_txid FROM lignes_ventes) x`,
    );
    expect(Number(txids.n)).toBe(1);
    expect(txids.committed).toBe(true);
  });

  it('leaves sequences past the generated ids', async () => {
    const r = await one<{ id: string }>(
      a.url,
      `INSERT INTO ventes (magasin_id, date_vente, montant_ttc) VALUES (1, now(), 1) RETURNING id`,
    );
    expect(Number(r.id)).toBe(summaryA.ventes + 1);
    await query(a.url, 'DELETE FROM ventes WHERE id = $1', [r.id]);
  });

  it('is reachable from the CLI (epm demo seed --pg --json)', async () => {
    const db = await createTestDatabase('epm_demo_cli');
    try {
      const out: string[] = [];
      const code = await runCli(
        commands,
        ['demo', 'seed', '--pg', db.url, '--lines', '2000', '--seed', '3', '--json'],
        {
          stdout: (s) => out.push(s),
          stderr: (s) => out.push(s),
          stderrIsTTY: false,
          env: {},
        },
      );
      expect(code, out.join('')).toBe(0);
      const result = JSON.parse(out.join(''));
      expect(result.summary).toMatchObject({ lignes: 2000, seed: 3, magasins: 120 });
      expect(result.migrations.applied.length).toBeGreaterThan(0);
      expect(result.database).not.toContain(':***@'); // trust auth: no password to hide here
    } finally {
      await db.drop();
    }
  });
});
