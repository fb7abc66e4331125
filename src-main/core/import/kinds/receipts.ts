// Receipts come as ONE file of sale lines in which every line repeats its ticket's columns
// (ticket, magasin, client, date_vente, montant_ttc): the shape point-of-sale exports have, and
// the one where "the ticket total equals the sum of its lines" can be checked inside the file.
// A ticket is imported whole or not at all: with --accept-valid-rows, one bad line rejects all
// the lines of its ticket.
import type { CheckContext, KindSpec, SqlCheck, SqlRunner } from './spec';
import { alreadyExists, referencedBy, unknownReference } from './spec';

/** The ticket columns every line repeats; they must agree within a ticket. */
const TICKET_COLUMNS = ['magasin', 'client', 'date_vente', 'montant_ttc'] as const;

/**
 * Lines whose value differs from the one most lines of their ticket carry (ties: the earliest
 * line's value), so that one mistyped cell is reported on its own line, not on its neighbours.
 * Only tickets flagged in import_ticket_conflicts are looked at.
 */
function inconsistentColumn(column: string, ctx: CheckContext): SqlCheck {
  const skip = ctx.bit('ticket') | ctx.bit(column);
  return {
    column,
    code: 'INCONSISTENT_RECEIPT',
    sql: `WITH cand AS (
            SELECT s.line, s.v_ticket, s.v_${column} AS val, s.r_${column} AS raw
            FROM import_staging s JOIN import_ticket_conflicts t ON t.ticket = s.v_ticket AND t.${column}
            WHERE s.bad & ${skip} = 0),
          modes AS (
            SELECT DISTINCT ON (g.v_ticket) g.v_ticket, g.val, g.first_line, c.raw
            FROM (SELECT v_ticket, val, count(*) AS n, min(line) AS first_line
                  FROM cand GROUP BY v_ticket, val) g
            JOIN cand c ON c.line = g.first_line
            ORDER BY g.v_ticket, g.n DESC, g.first_line)
          SELECT c.line, c.raw AS value, json_build_array(m.raw, m.first_line)::text AS extra
          FROM cand c JOIN modes m USING (v_ticket)
          WHERE c.val IS DISTINCT FROM m.val`,
  };
}

async function validateTickets(
  ctx: CheckContext,
  run: (c: SqlCheck) => Promise<void>,
  sql: SqlRunner,
): Promise<void> {
  // A line whose ticket number is missing or unreadable cannot be grouped. Point-of-sale files
  // list a ticket's lines together, so it is taken to belong to the neighbouring ticket (valid
  // line just above or below) whose repeated cells it shares, or to both neighbours when it
  // matches neither. Those tickets are then rejected with it (--accept-valid-rows) and not
  // reported as "total ≠ lines" because one of their lines went missing.
  await sql(`CREATE TEMP TABLE import_orphans (line integer, ticket bigint) ON COMMIT DROP`);
  const orphans = await sql(`SELECT 1 FROM import_staging WHERE v_ticket IS NULL LIMIT 1`);
  if (orphans.rows.length > 0) {
    const same = TICKET_COLUMNS.map((c) => `(x.v_${c} IS NULL OR x.v_${c} = n.v_${c})`).join(
      ' AND ',
    );
    await sql(`WITH o AS (
                 SELECT s.*,
                        max(line) FILTER (WHERE v_ticket IS NOT NULL) OVER (ORDER BY line) AS prev_line,
                        min(line) FILTER (WHERE v_ticket IS NOT NULL) OVER (ORDER BY line DESC) AS next_line
                 FROM import_staging s),
               x AS (SELECT * FROM o WHERE v_ticket IS NULL),
               cand AS (
                 SELECT x.line, n.v_ticket AS ticket, ${same} AS matches
                 FROM x JOIN import_staging n ON n.line = x.prev_line
                 UNION ALL
                 SELECT x.line, n.v_ticket, ${same}
                 FROM x JOIN import_staging n ON n.line = x.next_line)
               INSERT INTO import_orphans
               SELECT line, ticket FROM (
                 SELECT line, ticket, matches, bool_or(matches) OVER (PARTITION BY line) AS any_match
                 FROM cand) k
               WHERE matches OR NOT any_match`);
  }

  // One pass over the lines finds the tickets whose repeated columns disagree (ignoring cells
  // already in error); the pinpointing query then only looks at those tickets.
  const ok = (c: string) => `s.bad & ${ctx.bit('ticket') | ctx.bit(c)} = 0`;
  const differs = (c: string) =>
    `(min(s.v_${c}) FILTER (WHERE ${ok(c)}) <> max(s.v_${c}) FILTER (WHERE ${ok(c)})
      OR (count(*) FILTER (WHERE ${ok(c)} AND s.v_${c} IS NULL) > 0
          AND count(s.v_${c}) FILTER (WHERE ${ok(c)}) > 0))`;
  await sql(`CREATE TEMP TABLE import_ticket_conflicts ON COMMIT DROP AS
             SELECT * FROM (
               SELECT s.v_ticket AS ticket, ${TICKET_COLUMNS.map((c) => `coalesce(${differs(c)}, false) AS ${c}`).join(', ')}
               FROM import_staging s WHERE s.v_ticket IS NOT NULL GROUP BY s.v_ticket) t
             WHERE ${TICKET_COLUMNS.join(' OR ')}`);
  for (const c of TICKET_COLUMNS) await run(inconsistentColumn(c, ctx));

  // The total rule, on tickets whose lines are all valid (a bad line would only add noise).
  // Reported once per ticket, on its first line's montant_ttc.
  await run({
    column: 'montant_ttc',
    code: 'TOTAL_MISMATCH',
    sql: `SELECT t.first_line AS line, s.r_montant_ttc AS value, round(t.lines_total, 2)::text AS extra
          FROM (SELECT v_ticket, min(line) AS first_line, min(v_montant_ttc) AS montant,
                       sum(v_quantite * v_prix_unitaire) AS lines_total
                FROM import_staging WHERE v_ticket IS NOT NULL
                GROUP BY v_ticket HAVING bool_and(bad = 0)) t
          JOIN import_staging s ON s.line = t.first_line
          WHERE abs(t.montant - t.lines_total) > 0.01
            AND NOT EXISTS (SELECT 1 FROM import_orphans o WHERE o.ticket = t.v_ticket)`,
  });

  // Tickets with at least one bad line: all their lines are rejected.
  await sql(`CREATE TEMP TABLE import_bad_tickets ON COMMIT DROP AS
             SELECT ticket, min(line) AS first_bad_line FROM (
               SELECT v_ticket AS ticket, line FROM import_staging WHERE bad <> 0 AND v_ticket IS NOT NULL
               UNION ALL
               SELECT ticket, line FROM import_orphans WHERE ticket IS NOT NULL) b
             GROUP BY ticket`);
  await sql('CREATE UNIQUE INDEX ON import_bad_tickets (ticket)');
  await sql('ANALYZE import_bad_tickets');
}

const ACCEPTED =
  's.bad = 0 AND NOT EXISTS (SELECT 1 FROM import_bad_tickets b WHERE b.ticket = s.v_ticket)';

export const receiptsSpec: KindSpec = {
  kind: 'receipts',
  label: 'tickets de caisse',
  columns: [
    {
      name: 'ticket',
      type: 'id',
      required: true,
      aliases: [
        'n° ticket',
        'numéro ticket',
        'numéro de ticket',
        'id ticket',
        'vente',
        'id vente',
        'vente id',
        'receipt',
        'receipt id',
      ],
      sqlChecked: true,
      doc: 'numéro du ticket (ventes.id), le même sur toutes ses lignes',
    },
    {
      name: 'magasin',
      type: 'id',
      required: true,
      aliases: [
        'n° magasin',
        'numéro magasin',
        'code magasin',
        'id magasin',
        'magasin id',
        'store',
        'store id',
      ],
      sqlChecked: true,
      doc: 'numéro d’un magasin existant (répété sur chaque ligne du ticket)',
    },
    {
      name: 'client',
      type: 'id',
      required: false,
      aliases: [
        'n° client',
        'numéro client',
        'code client',
        'id client',
        'client id',
        'customer',
        'customer id',
      ],
      sqlChecked: true,
      doc: 'numéro d’un client existant, vide pour un client anonyme (répété)',
    },
    {
      name: 'date_vente',
      type: 'datetime',
      required: true,
      aliases: [
        'date',
        'date de vente',
        'date heure',
        'date/heure',
        'horodatage',
        'date ticket',
        'sale date',
      ],
      sqlChecked: true,
      doc: 'date et heure du ticket ; sans décalage explicite, heure de Paris (répétée)',
    },
    {
      name: 'montant_ttc',
      type: 'number',
      required: true,
      number: { scale: 2, intDigits: 12 },
      aliases: [
        'montant',
        'total TTC',
        'montant ticket',
        'total ticket',
        'montant total TTC',
        'total',
      ],
      sqlChecked: true,
      doc: 'total TTC du ticket en euros (répété) ; doit égaler Σ quantite × prix_unitaire à 0,01 € près',
    },
    {
      name: 'sku',
      type: 'code',
      required: true,
      aliases: [
        'code produit',
        'référence',
        'réf',
        'code article',
        'article',
        'produit',
        'product',
      ],
      sqlChecked: true,
      doc: 'SKU d’un produit existant',
    },
    {
      name: 'quantite',
      type: 'integer',
      required: true,
      nonZero: true,
      aliases: ['qté', 'qte', 'qty', 'quantity'],
      doc: 'nombre entier d’unités, ≠ 0 (négatif : retour)',
    },
    {
      name: 'prix_unitaire',
      type: 'number',
      required: true,
      number: { scale: 2, intDigits: 10, nonNegative: true },
      aliases: ['prix unitaire TTC', 'PU', 'PU TTC', 'prix', 'prix TTC', 'prix payé', 'unit price'],
      doc: 'prix unitaire payé TTC en euros, ≥ 0',
    },
  ],
  checks: (ctx) => [
    unknownReference(
      'magasin',
      'UNKNOWN_STORE',
      'SELECT 1 FROM public.magasins m WHERE m.id = s.v_magasin',
    ),
    unknownReference(
      'client',
      'UNKNOWN_CUSTOMER',
      'SELECT 1 FROM public.clients c WHERE c.id = s.v_client',
    ),
    unknownReference(
      'sku',
      'UNKNOWN_PRODUCT',
      'SELECT 1 FROM public.produits p WHERE p.sku = s.v_sku',
    ),
    alreadyExists('ticket', 'SELECT 1 FROM public.ventes v WHERE v.id = s.v_ticket', ctx),
  ],
  validate: validateTickets,
  groupedBy: 'ticket',
  accepted: ACCEPTED,
  rejectedWithoutError: `SELECT s.line, s.r_ticket AS value, b.first_bad_line::text AS extra
                         FROM import_staging s JOIN import_bad_tickets b ON b.ticket = s.v_ticket
                         WHERE s.bad = 0`,
  writes: [
    {
      table: 'ventes',
      // The ticket columns agree on every accepted line (checked above): min() picks the value.
      sql: `INSERT INTO public.ventes (id, magasin_id, client_id, date_vente, montant_ttc, import_batch_id)
            SELECT s.v_ticket, min(s.v_magasin), min(s.v_client), min(s.v_date_vente),
                   min(s.v_montant_ttc), $1
            FROM import_staging s WHERE ${ACCEPTED}
            GROUP BY s.v_ticket ORDER BY s.v_ticket`,
    },
    {
      table: 'lignes_ventes',
      // magasin_id is filled by the trigger of 003_change_tracking.sql.
      sql: `INSERT INTO public.lignes_ventes (vente_id, produit_id, quantite, prix_unitaire, import_batch_id)
            SELECT s.v_ticket, p.id, s.v_quantite, s.v_prix_unitaire, $1
            FROM import_staging s JOIN public.produits p ON p.sku = s.v_sku
            WHERE ${ACCEPTED}`,
    },
  ],
  explicitIdTables: ['ventes'],
  rollback: {
    tables: ['lignes_ventes', 'ventes'],
    dependencies: [
      {
        sql: `SELECT count(*) FROM public.ventes WHERE import_batch_id = $1 AND sync_txid <> $2::xid8`,
        what: (n) => `${n} ticket(s) du lot modifié(s) depuis l’import`,
      },
      {
        sql: `SELECT count(*) FROM public.lignes_ventes WHERE import_batch_id = $1 AND sync_txid <> $2::xid8`,
        what: (n) => `${n} ligne(s) de vente du lot modifiée(s) depuis l’import`,
      },
      referencedBy(
        'public.lignes_ventes',
        'vente_id',
        'ventes',
        'ligne(s) de vente ajoutée(s) depuis à ces tickets',
      ),
    ],
  },
};
