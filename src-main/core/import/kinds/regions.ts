import { alreadyExists, duplicateInFile, modifiedSince, referencedBy, type KindSpec } from './spec';

export const regionsSpec: KindSpec = {
  kind: 'regions',
  label: 'régions',
  columns: [
    {
      name: 'code',
      type: 'code',
      required: true,
      aliases: ['code région', 'région', 'region code'],
      sqlChecked: true,
      doc: 'code unique de la région (clé : les magasins la désignent par ce code)',
    },
    {
      name: 'nom',
      type: 'text',
      required: true,
      aliases: ['libellé', 'nom région', 'libellé région', 'name'],
      doc: 'nom affiché',
    },
  ],
  checks: (ctx) => [
    alreadyExists('code', 'SELECT 1 FROM public.regions r WHERE r.code = s.v_code', ctx),
    duplicateInFile('code', ctx),
  ],
  accepted: 's.bad = 0',
  writes: [
    {
      table: 'regions',
      sql: `INSERT INTO public.regions (code, nom, import_batch_id)
            SELECT s.v_code, s.v_nom, $1 FROM import_staging s WHERE s.bad = 0 ORDER BY s.line`,
    },
  ],
  rollback: {
    tables: ['regions'],
    dependencies: [
      modifiedSince('regions', 'région(s)'),
      referencedBy(
        'public.magasins',
        'region_id',
        'regions',
        'magasin(s) rattaché(s) à ces régions',
      ),
      referencedBy(
        'epm.utilisateur_regions',
        'region_id',
        'regions',
        'affectation(s) d’utilisateurs à ces régions',
      ),
    ],
  },
};
