// What the sync mirrors: for each central table, the local columns and the central expression
// that produces each of them in the COPY output. One list drives the initial load, the
// incremental pass and the resume catch-up, so the three can never disagree on a column.
//
// Conversions happen on the way (DOMAIN.md §2, §3):
//  - money (numeric) is sent as its decimal text and parsed to integer cents by the COPY parser,
//    digit by digit: never through a float;
//  - dates as YYYY-MM-DD; the instant of a sale as UTC ISO 8601 with milliseconds (sub-millisecond
//    digits are dropped, like JavaScript's Date) while its Paris business day and hour are
//    computed by PostgreSQL from the exact value, so the laptop needs no time-zone database;
//  - `x AT TIME ZONE 'zone'` never depends on the session's TimeZone; the text of dates and
//    timestamps does depend on DateStyle, which the read session sets to ISO (central-reader.ts).
//    Cheap casts rather than to_char on the sales: to_char costs the server 3x more per row.
import type { ColumnKind } from './copy-parser';

export const TABLE_NAMES = [
  'regions',
  'magasins',
  'categories',
  'produits',
  'clients',
  'ventes',
  'lignes_ventes',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export interface MirrorColumn {
  local: string;
  /** SQL expression over the central table (alias-free). */
  central: string;
  kind: ColumnKind;
}

export interface MirrorTable {
  name: TableName;
  /** The first column is always the integer primary key `id`. */
  columns: MirrorColumn[];
  /** Rows belong to a store (RLS scope): rows of stores leaving the scope are dropped by it. */
  storeColumn?: 'magasin_id';
  /**
   * Small dimension tables compared in full at every incremental sync (a few hundred rows):
   * that is how a store or region entering or leaving the user's scope is detected.
   */
  fullCompare?: boolean;
}

const int = (name: string): MirrorColumn => ({ local: name, central: name, kind: 'int' });
const text = (name: string): MirrorColumn => ({ local: name, central: name, kind: 'text' });
const cents = (name: string): MirrorColumn => ({
  local: `${name}_cents`,
  central: name,
  kind: 'cents',
});
const real = (name: string): MirrorColumn => ({ local: name, central: name, kind: 'real' });
const isoDate = (name: string): MirrorColumn => ({
  local: name,
  central: `to_char(${name}, 'YYYY-MM-DD')`,
  kind: 'text',
});

const PARIS = `(date_vente AT TIME ZONE 'Europe/Paris')`;

export const MIRROR_TABLES: readonly MirrorTable[] = [
  { name: 'regions', columns: [int('id'), text('code'), text('nom')], fullCompare: true },
  {
    name: 'magasins',
    columns: [
      int('id'),
      int('region_id'),
      text('nom'),
      cents('objectif_ca'),
      isoDate('date_ouverture'),
      isoDate('date_fermeture'),
    ],
    fullCompare: true,
  },
  {
    name: 'categories',
    columns: [int('id'), text('code'), text('nom'), real('taux_tva'), real('elasticite')],
  },
  {
    name: 'produits',
    columns: [
      int('id'),
      int('categorie_id'),
      text('sku'),
      cents('prix_achat'),
      cents('prix_vente'),
      text('libelle'),
    ],
  },
  { name: 'clients', columns: [int('id')] },
  {
    name: 'ventes',
    columns: [
      int('id'),
      int('magasin_id'),
      int('client_id'),
      { local: 'date_vente', central: `date_vente AT TIME ZONE 'UTC'`, kind: 'utc_instant' },
      { local: 'jour', central: `${PARIS}::date`, kind: 'text' },
      { local: 'heure', central: `date_part('hour', ${PARIS})::int`, kind: 'int' },
      cents('montant_ttc'),
    ],
    storeColumn: 'magasin_id',
  },
  {
    name: 'lignes_ventes',
    columns: [
      int('id'),
      int('vente_id'),
      int('produit_id'),
      int('magasin_id'),
      int('quantite'),
      cents('prix_unitaire'),
    ],
    storeColumn: 'magasin_id',
  },
];

export function mirrorTable(name: string): MirrorTable {
  const t = MIRROR_TABLES.find((m) => m.name === name);
  if (!t) throw new Error(`not a mirrored table: ${name}`);
  return t;
}

/** The central SELECT list of a table, in local column order. */
export function centralSelectList(t: MirrorTable): string {
  return t.columns.map((c) => c.central).join(', ');
}

export function columnKinds(t: MirrorTable): ColumnKind[] {
  return t.columns.map((c) => c.kind);
}
