import { alreadyExists, duplicateInFile, modifiedSince, referencedBy, type KindSpec } from './spec';

export const customersSpec: KindSpec = {
  kind: 'customers',
  label: 'clients',
  columns: [
    {
      name: 'id',
      type: 'id',
      required: true,
      aliases: [
        'client',
        'n° client',
        'numéro client',
        'code client',
        'id client',
        'client id',
        'customer',
        'customer id',
      ],
      sqlChecked: true,
      doc: 'numéro du client (clients.id), repris par les tickets',
    },
  ],
  checks: (ctx) => [
    alreadyExists('id', 'SELECT 1 FROM public.clients c WHERE c.id = s.v_id', ctx),
    duplicateInFile('id', ctx),
  ],
  accepted: 's.bad = 0',
  writes: [
    {
      table: 'clients',
      sql: `INSERT INTO public.clients (id, import_batch_id)
            SELECT s.v_id, $1 FROM import_staging s WHERE s.bad = 0 ORDER BY s.line`,
    },
  ],
  explicitIdTables: ['clients'],
  rollback: {
    tables: ['clients'],
    dependencies: [
      modifiedSince('clients', 'client(s)'),
      referencedBy('public.ventes', 'client_id', 'clients', 'ticket(s) de ces clients'),
    ],
  },
};
