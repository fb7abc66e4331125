// Data-quality report over the detail of the cache (optionally a period and the filter's
// stores). Figures always use the lines (DOMAIN.md §3); this report says where the data looks
// wrong. Each check gives a count and up to `limit` examples, ordered by id.
// Checks tied to a receipt are scoped by its business day and store; checks on lines without a
// receipt (orphans) and on the catalogue ignore the period and stores.
import type {
  DateRange,
  QualityCheck,
  QualityReport,
  ScopeFilter,
} from '../../../../src-shared/domain/analytics';
import type { CacheDb } from '../../cache/database';
import { loadHierarchy, resolveScope } from '../hierarchy';
import { dateRange } from '../periods';
import { elapsedSince } from './ranking';

interface Check {
  code: string;
  libelle: string;
  /** FROM … WHERE … selecting the offending rows; `?scope` is replaced by the receipt scope. */
  from: string;
  /** Columns of an example (the first must be unique and orders the examples). */
  columns: string;
}

const LINES_TOTAL =
  '(SELECT COALESCE(SUM(l.quantite * l.prix_unitaire_cents), 0) FROM lignes_ventes l WHERE l.vente_id = v.id)';

const CHECKS: Check[] = [
  {
    code: 'montant_ecart_lignes',
    libelle: 'tickets dont montant_ttc diffère de la somme des lignes de plus de 0,01 €',
    from: `FROM ventes v WHERE ?scope AND abs(v.montant_ttc_cents - ${LINES_TOTAL}) > 1`,
    columns: `v.id AS vente_id, v.magasin_id, v.jour, v.montant_ttc_cents / 100.0 AS montant_ttc,
      ${LINES_TOTAL} / 100.0 AS total_lignes`,
  },
  {
    code: 'ventes_sans_lignes',
    libelle: 'tickets sans aucune ligne',
    from: `FROM ventes v WHERE ?scope AND NOT EXISTS (SELECT 1 FROM lignes_ventes l WHERE l.vente_id = v.id)`,
    columns: 'v.id AS vente_id, v.magasin_id, v.jour, v.montant_ttc_cents / 100.0 AS montant_ttc',
  },
  {
    code: 'lignes_produit_inconnu',
    libelle: 'lignes dont le produit est inconnu (exclues des chiffres)',
    from: `FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id
      WHERE ?scope AND NOT EXISTS (SELECT 1 FROM produits p WHERE p.id = l.produit_id)`,
    columns: 'l.id AS ligne_id, l.vente_id, l.produit_id, v.magasin_id, v.jour',
  },
  {
    code: 'ventes_hors_ouverture',
    libelle:
      "tickets datés d'un jour où le magasin n'est pas ouvert (avant ouverture ou après fermeture)",
    from: `FROM ventes v JOIN magasins m ON m.id = v.magasin_id WHERE ?scope
      AND ((m.date_ouverture IS NOT NULL AND v.jour < m.date_ouverture)
        OR (m.date_fermeture IS NOT NULL AND v.jour >= m.date_fermeture))`,
    columns: 'v.id AS vente_id, v.magasin_id, v.jour, m.date_ouverture, m.date_fermeture',
  },
  {
    code: 'prix_negatif',
    libelle: 'lignes à prix unitaire négatif',
    from: `FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id WHERE ?scope AND l.prix_unitaire_cents < 0`,
    columns:
      'l.id AS ligne_id, l.vente_id, l.produit_id, l.quantite, l.prix_unitaire_cents / 100.0 AS prix_unitaire',
  },
  {
    code: 'quantite_nulle',
    libelle: 'lignes de quantité nulle',
    from: `FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id WHERE ?scope AND l.quantite = 0`,
    columns: 'l.id AS ligne_id, l.vente_id, l.produit_id',
  },
  {
    code: 'ligne_magasin_incoherent',
    libelle: 'lignes dont le magasin diffère de celui du ticket',
    from: `FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id WHERE ?scope AND l.magasin_id <> v.magasin_id`,
    columns:
      'l.id AS ligne_id, l.vente_id, l.magasin_id AS magasin_ligne, v.magasin_id AS magasin_ticket',
  },
  {
    code: 'ventes_magasin_inconnu',
    libelle: 'tickets dont le magasin est inconnu',
    from: `FROM ventes v WHERE ?scope AND NOT EXISTS (SELECT 1 FROM magasins m WHERE m.id = v.magasin_id)`,
    columns: 'v.id AS vente_id, v.magasin_id, v.jour',
  },
  {
    code: 'lignes_orphelines',
    libelle: 'lignes dont le ticket est inconnu (tout le cache)',
    from: `FROM lignes_ventes l WHERE NOT EXISTS (SELECT 1 FROM ventes v WHERE v.id = l.vente_id)`,
    columns: 'l.id AS ligne_id, l.vente_id, l.produit_id',
  },
  {
    code: 'produits_prix_sous_cout',
    libelle:
      "produits dont le prix de vente catalogue HT est inférieur au prix d'achat (tout le catalogue)",
    from: `FROM produits p JOIN categories c ON c.id = p.categorie_id
      WHERE p.prix_vente_cents * 10000 < p.prix_achat_cents * (10000 + CAST(round(c.taux_tva * 10000) AS INTEGER))`,
    columns:
      'p.id AS produit_id, p.sku, p.prix_achat_cents / 100.0 AS prix_achat, p.prix_vente_cents / 100.0 AS prix_vente',
  },
];

export function qualityReport(
  db: CacheDb,
  opts: { range?: DateRange; filter?: ScopeFilter; limit?: number } = {},
): QualityReport {
  const t0 = performance.now();
  const limit = opts.limit ?? 20;
  const filter = opts.filter ?? {};
  const range: string[] = [];
  const rangeParams: unknown[] = [];
  if (opts.range) {
    const r = dateRange(opts.range.from, opts.range.to);
    range.push('v.jour BETWEEN ? AND ?');
    rangeParams.push(r.from, r.to);
  }
  // The stores in scope: the filter's, or with a period every store, so that the period is read
  // through ventes(magasin_id, jour) instead of a scan of every receipt.
  const stores: string[] = [];
  const storeParams: unknown[] = [];
  if (filter.region !== undefined || filter.store !== undefined) {
    const scope = resolveScope(db, loadHierarchy(db), {
      region: filter.region,
      store: filter.store,
    });
    stores.push('v.magasin_id IN (SELECT value FROM json_each(?))');
    storeParams.push(JSON.stringify(scope.stores.map((s) => s.id)));
  } else if (opts.range) {
    stores.push('v.magasin_id IN (SELECT id FROM magasins)');
  }
  const scopeOf = (c: Check) => {
    // Receipts of unknown stores are in no store list: that check is scoped by the period only.
    const withStores =
      c.code !== 'ventes_magasin_inconnu' ||
      filter.store !== undefined ||
      filter.region !== undefined;
    const conditions = withStores ? [...stores, ...range] : range;
    const params = withStores ? [...storeParams, ...rangeParams] : rangeParams;
    return { sql: conditions.length > 0 ? conditions.join(' AND ') : '1', params };
  };
  const checks: QualityCheck[] = CHECKS.map((c) => {
    const scope = scopeOf(c);
    const from = c.from.replace('?scope', scope.sql);
    const p = c.from.includes('?scope') ? scope.params : [];
    const nombre = (db.prepare(`SELECT count(*) AS n ${from}`).get(...p) as { n: number }).n;
    const exemples =
      nombre === 0
        ? []
        : (db.prepare(`SELECT ${c.columns} ${from} ORDER BY 1 LIMIT ?`).all(...p, limit) as Record<
            string,
            string | number | null
          >[]);
    return { code: c.code, libelle: c.libelle, nombre, exemples };
  });
  return { elapsed_ms: elapsedSince(t0), checks };
}
