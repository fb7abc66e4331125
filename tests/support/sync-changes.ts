// Seeded random sequences of central changes for the sync tests, written with plain SQL as a
// feeding system would (the change tracking is the triggers' business). Covers inserts, updates
// and deletes on every table, delete-then-reinsert of the same id, id changes, a sale moved to
// another store, a product recategorised, a store moved to another region, prices and targets.
import pg from 'pg';
import { pickInt } from './sync-fixture';

type Rand = () => number;

async function ids(c: pg.Client, table: string, where = 'true'): Promise<number[]> {
  const { rows } = await c.query<{ id: string }>(
    `SELECT id FROM ${table} WHERE ${where} ORDER BY id`,
  );
  return rows.map((r) => Number(r.id));
}

function pick<T>(r: Rand, list: T[]): T | undefined {
  return list.length === 0 ? undefined : list[Math.floor(r() * list.length)];
}

function money(r: Rand, max: number): string {
  return (pickInt(r, 0, max * 100) / 100).toFixed(2);
}

function instant(r: Rand): string {
  return new Date(
    Date.parse('2024-01-01T00:00:00Z') + pickInt(r, 0, 400 * 86400) * 1000,
  ).toISOString();
}

async function nextId(c: pg.Client, table: string): Promise<number> {
  const { rows } = await c.query<{ n: string }>(
    `SELECT coalesce(max(id), 0) + 1 AS n FROM ${table}`,
  );
  return Number(rows[0]!.n);
}

async function insertLines(c: pg.Client, r: Rand, venteId: number, n: number): Promise<void> {
  const produits = await ids(c, 'produits');
  for (let k = 0; k < n; k++) {
    const id = await nextId(c, 'lignes_ventes');
    await c.query(
      'INSERT INTO lignes_ventes (id, vente_id, produit_id, quantite, prix_unitaire) VALUES ($1, $2, $3, $4, $5)',
      [id, venteId, pick(r, produits), r() < 0.1 ? -1 : pickInt(r, 1, 4), money(r, 150)],
    );
  }
}

const OPERATIONS: Record<string, (c: pg.Client, r: Rand) => Promise<void>> = {
  async insertSale(c, r) {
    const id = await nextId(c, 'ventes');
    await c.query(
      'INSERT INTO ventes (id, magasin_id, client_id, date_vente, montant_ttc) VALUES ($1, $2, $3, $4, $5)',
      [
        id,
        pick(r, await ids(c, 'magasins')),
        r() < 0.3 ? null : pick(r, await ids(c, 'clients')),
        instant(r),
        money(r, 400),
      ],
    );
    await insertLines(c, r, id, pickInt(r, 1, 4));
  },
  async updateLine(c, r) {
    const id = pick(r, await ids(c, 'lignes_ventes'));
    if (id !== undefined) {
      await c.query('UPDATE lignes_ventes SET quantite = $2, prix_unitaire = $3 WHERE id = $1', [
        id,
        pickInt(r, 1, 9),
        money(r, 99),
      ]);
    }
  },
  async deleteLine(c, r) {
    const id = pick(r, await ids(c, 'lignes_ventes'));
    if (id !== undefined) await c.query('DELETE FROM lignes_ventes WHERE id = $1', [id]);
  },
  async deleteSale(c, r) {
    const id = pick(r, await ids(c, 'ventes'));
    if (id !== undefined) await c.query('DELETE FROM ventes WHERE id = $1', [id]); // lines cascade
  },
  async deleteThenReinsertSale(c, r) {
    const id = pick(r, await ids(c, 'ventes'));
    if (id === undefined) return;
    const { rows } = await c.query('SELECT magasin_id, client_id FROM ventes WHERE id = $1', [id]);
    await c.query('DELETE FROM ventes WHERE id = $1', [id]);
    await c.query(
      'INSERT INTO ventes (id, magasin_id, client_id, date_vente, montant_ttc) VALUES ($1, $2, $3, $4, $5)',
      [id, rows[0]!.magasin_id, rows[0]!.client_id, instant(r), money(r, 300)],
    );
    await insertLines(c, r, id, pickInt(r, 1, 3));
  },
  async deleteThenReinsertLine(c, r) {
    const id = pick(r, await ids(c, 'lignes_ventes'));
    if (id === undefined) return;
    const { rows } = await c.query('SELECT vente_id, produit_id FROM lignes_ventes WHERE id = $1', [
      id,
    ]);
    await c.query('DELETE FROM lignes_ventes WHERE id = $1', [id]);
    await c.query(
      'INSERT INTO lignes_ventes (id, vente_id, produit_id, quantite, prix_unitaire) VALUES ($1, $2, $3, $4, $5)',
      [id, rows[0]!.vente_id, rows[0]!.produit_id, pickInt(r, 1, 3), money(r, 50)],
    );
  },
  async addLineToSale(c, r) {
    // A line added to an existing receipt alone: the only change that receipt gets (the cache
    // learns it from the sync's writer, not from a trigger; see aggregates.ts ReceiptInserts).
    const id = pick(r, await ids(c, 'ventes'));
    if (id !== undefined) await insertLines(c, r, id, 1);
  },
  async changeLineId(c, r) {
    const id = pick(r, await ids(c, 'lignes_ventes'));
    if (id !== undefined)
      await c.query('UPDATE lignes_ventes SET id = $2 WHERE id = $1', [
        id,
        await nextId(c, 'lignes_ventes'),
      ]);
  },
  async moveSaleToAnotherStore(c, r) {
    const id = pick(r, await ids(c, 'ventes'));
    if (id !== undefined)
      await c.query('UPDATE ventes SET magasin_id = $2 WHERE id = $1', [
        id,
        pick(r, await ids(c, 'magasins')),
      ]);
  },
  async changeSaleInstant(c, r) {
    const id = pick(r, await ids(c, 'ventes'));
    if (id !== undefined)
      await c.query('UPDATE ventes SET date_vente = $2 WHERE id = $1', [id, instant(r)]);
  },
  async changePrices(c, r) {
    const id = pick(r, await ids(c, 'produits'));
    if (id !== undefined) {
      await c.query('UPDATE produits SET prix_achat = $2, prix_vente = $3 WHERE id = $1', [
        id,
        money(r, 100),
        money(r, 200),
      ]);
    }
  },
  async recategoriseProduct(c, r) {
    const id = pick(r, await ids(c, 'produits'));
    if (id !== undefined)
      await c.query('UPDATE produits SET categorie_id = $2 WHERE id = $1', [
        id,
        pick(r, await ids(c, 'categories')),
      ]);
  },
  async insertProduct(c, r) {
    let cat = pick(r, await ids(c, 'categories'));
    if (r() < 0.3) {
      cat = await nextId(c, 'categories');
      await c.query(
        `INSERT INTO categories (id, code, nom) VALUES ($1, $2, 'Nouvelle\tcatégorie')`,
        [cat, `NC${cat}`],
      );
    }
    const id = await nextId(c, 'produits');
    await c.query(
      'INSERT INTO produits (id, categorie_id, sku, prix_achat, prix_vente) VALUES ($1, $2, $3, $4, $5)',
      [id, cat, `NEW-${id}`, money(r, 50), money(r, 90)],
    );
  },
  async deleteUnsoldProduct(c, r) {
    const id = pick(
      r,
      await ids(
        c,
        'produits',
        'NOT EXISTS (SELECT 1 FROM lignes_ventes l WHERE l.produit_id = produits.id)',
      ),
    );
    if (id !== undefined) await c.query('DELETE FROM produits WHERE id = $1', [id]);
  },
  async changeVat(c, r) {
    const id = pick(r, await ids(c, 'categories'));
    if (id !== undefined)
      await c.query('UPDATE categories SET taux_tva = $2 WHERE id = $1', [
        id,
        pick(r, ['0.2000', '0.0550', '0.1000']),
      ]);
  },
  async moveStoreToAnotherRegion(c, r) {
    const id = pick(r, await ids(c, 'magasins'));
    if (id !== undefined)
      await c.query('UPDATE magasins SET region_id = $2 WHERE id = $1', [
        id,
        pick(r, await ids(c, 'regions')),
      ]);
  },
  async changeTarget(c, r) {
    const id = pick(r, await ids(c, 'magasins'));
    if (id !== undefined)
      await c.query('UPDATE magasins SET objectif_ca = $2 WHERE id = $1', [
        id,
        money(r, 3_000_000),
      ]);
  },
  async insertRegionAndStore(c, r) {
    const reg = await nextId(c, 'regions');
    await c.query('INSERT INTO regions (id, code, nom) VALUES ($1, $2, $3)', [
      reg,
      `NR${reg}`,
      `Région ${reg}`,
    ]);
    const store = await nextId(c, 'magasins');
    await c.query(
      'INSERT INTO magasins (id, region_id, nom, objectif_ca) VALUES ($1, $2, $3, $4)',
      [store, reg, `Nouveau ${store}`, money(r, 900_000)],
    );
  },
  async deleteEmptyStoreOrRegion(c, r) {
    const store = pick(
      r,
      await ids(
        c,
        'magasins',
        'NOT EXISTS (SELECT 1 FROM ventes v WHERE v.magasin_id = magasins.id)',
      ),
    );
    if (store !== undefined) await c.query('DELETE FROM magasins WHERE id = $1', [store]);
    const region = pick(
      r,
      await ids(
        c,
        'regions',
        'NOT EXISTS (SELECT 1 FROM magasins m WHERE m.region_id = regions.id)',
      ),
    );
    if (region !== undefined) await c.query('DELETE FROM regions WHERE id = $1', [region]);
  },
  async renameRegion(c, r) {
    const id = pick(r, await ids(c, 'regions'));
    if (id !== undefined)
      await c.query('UPDATE regions SET nom = $2 WHERE id = $1', [
        id,
        `Renommée\\${pickInt(r, 1, 99)}`,
      ]);
  },
  async insertAndDeleteClients(c, r) {
    const id = await nextId(c, 'clients');
    await c.query('INSERT INTO clients (id) VALUES ($1), ($2)', [id, id + 1]);
    const unused = pick(
      r,
      await ids(c, 'clients', 'NOT EXISTS (SELECT 1 FROM ventes v WHERE v.client_id = clients.id)'),
    );
    if (unused !== undefined) await c.query('DELETE FROM clients WHERE id = $1', [unused]);
  },
};

export const OPERATION_NAMES = Object.keys(OPERATIONS);

/**
 * Applies `count` random operations as the superuser at `url`, grouped at random into
 * transactions of one to three operations. Returns the operations' names, in order.
 */
export async function applyRandomChanges(url: string, r: Rand, count: number): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const done: string[] = [];
  try {
    let i = 0;
    while (i < count) {
      const group = Math.min(count - i, pickInt(r, 1, 3));
      await c.query('BEGIN');
      for (let k = 0; k < group; k++) {
        const name = OPERATION_NAMES[Math.floor(r() * OPERATION_NAMES.length)]!;
        await OPERATIONS[name]!(c, r);
        done.push(name);
      }
      await c.query('COMMIT');
      i += group;
    }
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw new Error(`random change failed after ${done.join(', ')}: ${(e as Error).message}`);
  } finally {
    await c.end();
  }
  return done;
}
