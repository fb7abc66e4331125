// Shared set-up of the import tests: a fresh central database migrated to the current schema,
// a small reference data set the fixture files refer to, real login roles per app role, and
// checksums of every table (to prove that a refused or cancelled import wrote nothing).
import pg from 'pg';
import { addUser } from '../../src-main/core/users';
import { migrateCentral } from '../../src-main/core/migrations/central';
import {
  ADMIN_URL,
  createTestDatabase,
  query,
  uniqueName,
  urlForUser,
  type TestDatabase,
} from '../support/pg';

export const FIXTURES_DIR = new URL('../fixtures/import/', import.meta.url).pathname;

/** Reference rows: 3 regions, 4 stores, 3 categories, 5 products, 3 customers, 1 ticket. */
export const REFERENCE_SQL = `
  INSERT INTO regions (id, code, nom) VALUES (1, 'IDF', 'Île-de-France'), (2, 'NORD', 'Nord'), (3, 'SUD', 'Sud');
  INSERT INTO magasins (id, region_id, nom, objectif_ca, date_ouverture, date_fermeture) VALUES
    (11, 1, 'Paris Rivoli', 1200000, '2015-03-01', NULL),
    (12, 1, 'Versailles', 800000, NULL, NULL),
    (21, 2, 'Lille', 650000, '2019-09-15', NULL),
    (31, 3, 'Marseille', 700000, NULL, '2024-06-30');
  INSERT INTO categories (id, code, nom, taux_tva) VALUES
    (1, 'ALIM', 'Alimentaire', 0.055), (2, 'TEXT', 'Textile', 0.20), (3, 'MAISON', 'Maison', 0.20);
  INSERT INTO produits (id, categorie_id, sku, prix_achat, prix_vente, libelle) VALUES
    (1, 1, 'SKU-001', 1.20, 2.50, 'Baguette'),
    (2, 1, 'SKU-002', 0.80, 1.90, 'Croissant'),
    (3, 2, 'SKU-003', 8.00, 19.99, 'T-shirt'),
    (4, 2, 'SKU-004', 12.50, 29.90, 'Chemise'),
    (5, 3, 'SKU-005', 3.10, 7.50, 'Bougie');
  INSERT INTO clients (id) VALUES (1001), (1002), (1003);
  INSERT INTO ventes (id, magasin_id, client_id, date_vente, montant_ttc) VALUES
    (500, 11, 1001, '2024-01-05 10:00:00+01', 6.90);
  INSERT INTO lignes_ventes (vente_id, produit_id, quantite, prix_unitaire) VALUES (500, 1, 2, 2.50), (500, 2, 1, 1.90);
  -- Explicit ids above: move the identity sequences past them as a writer would expect.
  SELECT setval(pg_get_serial_sequence('public.' || t, 'id'), 1000)
  FROM unnest(ARRAY['regions', 'magasins', 'categories', 'produits', 'clients', 'ventes', 'lignes_ventes']) t;
`;

export interface ImportTestDb {
  db: TestDatabase;
  /** Superuser URL. */
  suUrl: string;
  /** A registered admin login. */
  adminUrl: string;
  /** Creates a registered login of this role and returns its URL. */
  login(role: 'admin' | 'directeur' | 'manager' | 'analyste'): Promise<string>;
  drop(): Promise<void>;
}

export async function setupImportDb(
  prefix = 'epm_import',
  seed = REFERENCE_SQL,
): Promise<ImportTestDb> {
  const db = await createTestDatabase(prefix);
  await migrateCentral(db.url);
  if (seed) await query(db.url, seed);
  const logins: string[] = [];
  const su = new pg.Client({ connectionString: db.url });
  await su.connect();
  const login = async (role: 'admin' | 'directeur' | 'manager' | 'analyste') => {
    const name = uniqueName(`imp_${role.slice(0, 3)}`);
    const scope =
      role === 'directeur' ? { regions: ['IDF'] } : role === 'manager' ? { stores: [11] } : {};
    await addUser(su, { login: name, role, ...scope });
    logins.push(name);
    return urlForUser(db.url, name);
  };
  const adminUrl = await login('admin');
  return {
    db,
    suUrl: db.url,
    adminUrl,
    login,
    async drop() {
      await su.end().catch(() => undefined);
      await db.drop();
      // Roles are cluster-wide: drop the test logins too.
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        for (const l of logins) await c.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(l)}`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * md5 of every table of public and epm (rows in a stable order) and of the identity sequences.
 * sequences: false leaves the sequences out, for imports stopped after they inserted: PostgreSQL
 * never gives back the identity values a rolled-back INSERT drew (gaps, no data).
 */
export async function databaseChecksums(
  suUrl: string,
  opts: { sequences?: boolean } = {},
): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: suUrl });
  await c.connect();
  try {
    const relations = (
      await c.query<{ t: string; kind: string }>(
        `SELECT format('%I.%I', n.nspname, c.relname) AS t, c.relkind::text AS kind FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname IN ('public', 'epm') AND c.relkind = ANY ($1) ORDER BY 1`,
        [opts.sequences === false ? ['r'] : ['r', 'S']],
      )
    ).rows;
    const out: Record<string, string> = {};
    for (const { t, kind } of relations) {
      const r = await c.query<{ h: string }>(
        kind === 'S'
          ? `SELECT md5(last_value::text || is_called::text) AS h FROM ${t}`
          : `SELECT md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS h FROM ${t} x`,
      );
      out[t] = r.rows[0]!.h;
    }
    return out;
  } finally {
    await c.end();
  }
}

export interface ReceiptLine {
  ticket: number;
  magasin: number;
  client: number | null;
  /** Paris wall-clock time, "YYYY-MM-DD HH:MM:SS". */
  at: string;
  sku: string;
  quantite: number;
  /** Cents. */
  prix: number;
}

/** Lines of valid tickets on the reference stores and products; totals are computed. */
export function validReceiptLines(tickets: number, firstTicket = 1, seed = 7): ReceiptLine[] {
  const prices: Record<string, number> = {
    'SKU-001': 250,
    'SKU-002': 190,
    'SKU-003': 1999,
    'SKU-004': 2990,
    'SKU-005': 750,
  };
  const skus = Object.keys(prices);
  const stores = [11, 12, 21, 31];
  let x = seed;
  const rnd = (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  const lines: ReceiptLine[] = [];
  for (let t = 0; t < tickets; t++) {
    const n = 1 + rnd(3);
    const magasin = stores[rnd(stores.length)]!;
    const client = rnd(2) === 0 ? null : 1001 + rnd(3);
    const at = `2024-0${1 + rnd(9)}-${String(1 + rnd(28)).padStart(2, '0')} ${String(rnd(24)).padStart(2, '0')}:${String(rnd(60)).padStart(2, '0')}:00`;
    for (let i = 0; i < n; i++) {
      const sku = skus[rnd(skus.length)]!;
      lines.push({
        ticket: firstTicket + t,
        magasin,
        client,
        at,
        sku,
        quantite: rnd(10) === 0 ? -1 : 1 + rnd(40),
        prix: prices[sku]!,
      });
    }
  }
  return lines;
}

export function ticketTotals(lines: ReceiptLine[]): Map<number, number> {
  const totals = new Map<number, number>();
  for (const l of lines) totals.set(l.ticket, (totals.get(l.ticket) ?? 0) + l.quantite * l.prix);
  return totals;
}

export interface CsvStyle {
  sep?: ';' | ',';
  eol?: string;
  /** Decimal separator of amounts. */
  decimal?: ',' | '.';
  /** Thousands separator of amounts ≥ 1000 ('' for none). */
  thousands?: string;
  /** Date style: French dd/mm/yyyy or ISO. */
  dates?: 'fr' | 'iso';
  /** Quote every field. */
  quoteAll?: boolean;
  headers?: string[];
}

export const RECEIPT_HEADERS = [
  'Ticket',
  'Magasin',
  'Client',
  'Date de vente',
  'Montant TTC',
  'SKU',
  'Quantité',
  'Prix unitaire TTC',
];

export function money(cents: number, style: CsvStyle = {}): string {
  const abs = Math.abs(cents);
  let int = String(Math.floor(abs / 100));
  if (style.thousands) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, style.thousands);
  return `${cents < 0 ? '-' : ''}${int}${style.decimal ?? ','}${String(abs % 100).padStart(2, '0')}`;
}

/** The cells of a receipts file (header first), as strings. */
export function receiptCells(lines: ReceiptLine[], style: CsvStyle = {}): string[][] {
  const totals = ticketTotals(lines);
  const date = (at: string) => {
    if (style.dates === 'iso') return at.replace(' ', 'T');
    const [d, t] = at.split(' ');
    const [y, m, dd] = d!.split('-');
    return `${dd}/${m}/${y} ${t}`;
  };
  return [
    style.headers ?? RECEIPT_HEADERS,
    ...lines.map((l) => [
      String(l.ticket),
      String(l.magasin),
      l.client === null ? '' : String(l.client),
      date(l.at),
      money(totals.get(l.ticket)!, style),
      l.sku,
      String(l.quantite),
      money(l.prix, style),
    ]),
  ];
}

export function toCsv(cells: string[][], style: CsvStyle = {}): string {
  const sep = style.sep ?? ';';
  const quote = (v: string) =>
    style.quoteAll || v.includes(sep) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  const eol = style.eol ?? '\r\n';
  return cells.map((r) => r.map(quote).join(sep)).join(eol) + eol;
}

/** Windows-1252 bytes of a string made of Latin-1 characters plus the few 1252 extras used here. */
export function windows1252(text: string): Buffer {
  const extras: Record<string, number> = { '€': 0x80, '’': 0x92, Œ: 0x8c, œ: 0x9c, '–': 0x96 };
  return Buffer.from(
    [...text].map((c) => {
      const code = extras[c] ?? c.charCodeAt(0);
      if (code > 0xff) throw new Error(`not in Windows-1252: ${c}`);
      return code;
    }),
  );
}

/** Imported sales as comparable rows (no generated ids, batch ids or tracking columns). */
export async function salesSnapshot(suUrl: string, batchId: number): Promise<unknown[]> {
  return query(
    suUrl,
    `SELECT v.id::int AS ticket, v.magasin_id::int AS magasin, v.client_id::int AS client,
            v.date_vente, v.montant_ttc::text AS montant,
            (SELECT json_agg(json_build_array(p.sku, l.quantite, l.prix_unitaire::text, l.magasin_id::int)
                             ORDER BY l.id)
               FROM lignes_ventes l JOIN produits p ON p.id = l.produit_id WHERE l.vente_id = v.id) AS lines
       FROM ventes v WHERE v.import_batch_id = $1 ORDER BY v.id`,
    [batchId],
  );
}
