// Content fingerprints of the demo tables, over the DOMAIN.md §1 columns only (tracking columns
// filled by triggers differ from run to run by design). Hashes are taken per block of 10,000 ids
// and then combined, so the server never builds one giant string at 10 million rows.
import type pg from 'pg';

/** The columns the generator writes, per table; also the tables it owns. */
export const DEMO_COLUMNS: Record<string, readonly string[]> = {
  regions: ['id', 'code', 'nom'],
  magasins: ['id', 'region_id', 'nom', 'objectif_ca', 'date_ouverture', 'date_fermeture'],
  categories: ['id', 'code', 'nom', 'taux_tva', 'elasticite'],
  produits: ['id', 'categorie_id', 'sku', 'libelle', 'prix_achat', 'prix_vente'],
  clients: ['id'],
  // date_vente as epoch seconds: the text form would depend on the session's TimeZone.
  ventes: ['id', 'magasin_id', 'client_id', 'extract(epoch FROM date_vente)', 'montant_ttc'],
  lignes_ventes: ['id', 'vente_id', 'produit_id', 'quantite', 'prix_unitaire'],
};

export const DEMO_TABLES = Object.keys(DEMO_COLUMNS);

export async function tableChecksums(client: pg.Client): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, cols] of Object.entries(DEMO_COLUMNS)) {
    const row = `concat_ws('|', ${cols.map((c) => `coalesce((${c})::text, '-')`).join(', ')})`;
    const r = await client.query<{ md5: string | null }>(
      `SELECT md5(coalesce(string_agg(h, '' ORDER BY blk), '')) AS md5
       FROM (SELECT id / 10000 AS blk, md5(string_agg(${row}, E'\\n' ORDER BY id)) AS h
             FROM ${table} GROUP BY 1) b`,
    );
    out[table] = r.rows[0]!.md5 ?? '';
  }
  return out;
}
