import {
  alreadyExists,
  duplicateInFile,
  modifiedSince,
  referencedBy,
  unknownReference,
  type KindSpec,
} from './spec';

export const storesSpec: KindSpec = {
  kind: 'stores',
  label: 'magasins',
  columns: [
    {
      name: 'id',
      type: 'id',
      required: true,
      aliases: [
        'magasin',
        'n° magasin',
        'numéro magasin',
        'numéro',
        'code magasin',
        'id magasin',
        'magasin id',
        'store',
        'store id',
      ],
      sqlChecked: true,
      doc: 'numéro du magasin (magasins.id), repris par les tickets',
    },
    {
      name: 'region',
      type: 'code',
      required: true,
      aliases: ['code région', 'région code'],
      sqlChecked: true,
      doc: 'code d’une région existante',
    },
    {
      name: 'nom',
      type: 'text',
      required: true,
      aliases: ['nom magasin', 'libellé', 'enseigne', 'name'],
      doc: 'nom affiché',
    },
    {
      name: 'objectif_ca',
      type: 'number',
      required: false,
      number: { scale: 2, intDigits: 12, nonNegative: true },
      aliases: ['objectif', 'objectif CA TTC', 'objectif annuel', 'CA objectif', 'target'],
      doc: 'objectif annuel de CA TTC en euros, ≥ 0 (vide : 0)',
    },
    {
      name: 'date_ouverture',
      type: 'date',
      required: false,
      aliases: ['ouverture', 'date d’ouverture', 'opening date'],
      doc: 'date d’ouverture (vide : ouvert depuis toujours)',
    },
    {
      name: 'date_fermeture',
      type: 'date',
      required: false,
      aliases: ['fermeture', 'date de fermeture', 'closing date'],
      doc: 'date de fermeture, postérieure à l’ouverture (vide : ouvert)',
    },
  ],
  rowRules: [
    {
      column: 'date_fermeture',
      other: 'date_ouverture',
      code: 'CLOSING_BEFORE_OPENING',
      // Canonical dates are ISO yyyy-mm-dd: text order is date order.
      broken: (closing, opening) => closing <= opening,
    },
  ],
  checks: (ctx) => [
    unknownReference(
      'region',
      'UNKNOWN_REGION',
      'SELECT 1 FROM public.regions r WHERE r.code = s.v_region',
    ),
    alreadyExists('id', 'SELECT 1 FROM public.magasins m WHERE m.id = s.v_id', ctx),
    duplicateInFile('id', ctx),
  ],
  accepted: 's.bad = 0',
  writes: [
    {
      table: 'magasins',
      // objectif_ca: empty means the column default (0), spelled out because INSERT ... SELECT
      // cannot say DEFAULT for some rows only.
      sql: `INSERT INTO public.magasins
              (id, region_id, nom, objectif_ca, date_ouverture, date_fermeture, import_batch_id)
            SELECT s.v_id, r.id, s.v_nom, coalesce(s.v_objectif_ca, 0), s.v_date_ouverture,
                   s.v_date_fermeture, $1
            FROM import_staging s JOIN public.regions r ON r.code = s.v_region
            WHERE s.bad = 0 ORDER BY s.line`,
    },
  ],
  explicitIdTables: ['magasins'],
  rollback: {
    tables: ['magasins'],
    dependencies: [
      modifiedSince('magasins', 'magasin(s)'),
      referencedBy('public.ventes', 'magasin_id', 'magasins', 'ticket(s) de ces magasins'),
      referencedBy(
        'epm.utilisateur_magasins',
        'magasin_id',
        'magasins',
        'affectation(s) d’utilisateurs à ces magasins',
      ),
    ],
  },
};
