import { alreadyExists, duplicateInFile, modifiedSince, referencedBy, type KindSpec } from './spec';

export const categoriesSpec: KindSpec = {
  kind: 'categories',
  label: 'catégories',
  columns: [
    {
      name: 'code',
      type: 'code',
      required: true,
      aliases: ['code catégorie', 'catégorie', 'category'],
      sqlChecked: true,
      doc: 'code unique de la catégorie (clé : les produits la désignent par ce code)',
    },
    {
      name: 'nom',
      type: 'text',
      required: true,
      aliases: ['libellé', 'nom catégorie', 'libellé catégorie', 'name'],
      doc: 'nom affiché',
    },
    {
      name: 'taux_tva',
      type: 'rate',
      required: false,
      aliases: ['TVA', 'taux de TVA', 'taux TVA', 'VAT', 'VAT rate'],
      doc: 'taux de TVA : 0,2 ou 20 % (vide : 0,20)',
    },
    {
      name: 'elasticite',
      type: 'number',
      required: false,
      number: { scale: 3, intDigits: 3, nonPositive: true },
      aliases: ['élasticité prix', 'elasticity'],
      doc: 'élasticité-prix par défaut, ≤ 0 (vide : -1,2)',
    },
  ],
  checks: (ctx) => [
    alreadyExists('code', 'SELECT 1 FROM public.categories c WHERE c.code = s.v_code', ctx),
    duplicateInFile('code', ctx),
  ],
  accepted: 's.bad = 0',
  writes: [
    {
      table: 'categories',
      // Empty cells take the column defaults of 001_seed_schema.sql (0.20 and -1.2).
      sql: `INSERT INTO public.categories (code, nom, taux_tva, elasticite, import_batch_id)
            SELECT s.v_code, s.v_nom, coalesce(s.v_taux_tva, 0.20), coalesce(s.v_elasticite, -1.2), $1
            FROM import_staging s WHERE s.bad = 0 ORDER BY s.line`,
    },
  ],
  rollback: {
    tables: ['categories'],
    dependencies: [
      modifiedSince('categories', 'catégorie(s)'),
      referencedBy('public.produits', 'categorie_id', 'categories', 'produit(s) de ces catégories'),
    ],
  },
};
