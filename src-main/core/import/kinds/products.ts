import {
  alreadyExists,
  duplicateInFile,
  modifiedSince,
  referencedBy,
  unknownReference,
  type KindSpec,
} from './spec';

const PRICE = { scale: 2, intDigits: 10, nonNegative: true };

export const productsSpec: KindSpec = {
  kind: 'products',
  label: 'produits',
  columns: [
    {
      name: 'sku',
      type: 'code',
      required: true,
      aliases: [
        'code produit',
        'référence',
        'réf',
        'ref produit',
        'code article',
        'article',
        'product',
      ],
      sqlChecked: true,
      doc: 'référence unique du produit (clé : les tickets le désignent par ce SKU)',
    },
    {
      name: 'categorie',
      type: 'code',
      required: true,
      aliases: ['code catégorie', 'catégorie code', 'famille', 'category'],
      sqlChecked: true,
      doc: 'code d’une catégorie existante',
    },
    {
      name: 'prix_achat',
      type: 'number',
      required: true,
      number: PRICE,
      aliases: [
        'prix d’achat',
        'prix achat HT',
        'prix d’achat HT',
        'PA HT',
        'coût',
        'coût unitaire',
        'purchase price',
        'cost',
      ],
      doc: 'coût d’achat unitaire HT en euros, ≥ 0',
    },
    {
      name: 'prix_vente',
      type: 'number',
      required: true,
      number: PRICE,
      aliases: [
        'prix de vente',
        'prix de vente TTC',
        'prix vente TTC',
        'PV TTC',
        'prix public',
        'price',
      ],
      doc: 'prix de vente catalogue TTC en euros, ≥ 0',
    },
    {
      name: 'libelle',
      type: 'text',
      required: false,
      aliases: ['désignation', 'nom', 'nom produit', 'description', 'label'],
      doc: 'libellé affiché',
    },
  ],
  checks: (ctx) => [
    unknownReference(
      'categorie',
      'UNKNOWN_CATEGORY',
      'SELECT 1 FROM public.categories c WHERE c.code = s.v_categorie',
    ),
    alreadyExists('sku', 'SELECT 1 FROM public.produits p WHERE p.sku = s.v_sku', ctx),
    duplicateInFile('sku', ctx),
  ],
  accepted: 's.bad = 0',
  writes: [
    {
      table: 'produits',
      sql: `INSERT INTO public.produits (categorie_id, sku, prix_achat, prix_vente, libelle, import_batch_id)
            SELECT c.id, s.v_sku, s.v_prix_achat, s.v_prix_vente, s.v_libelle, $1
            FROM import_staging s JOIN public.categories c ON c.code = s.v_categorie
            WHERE s.bad = 0 ORDER BY s.line`,
    },
  ],
  rollback: {
    tables: ['produits'],
    dependencies: [
      modifiedSince('produits', 'produit(s)'),
      referencedBy(
        'public.lignes_ventes',
        'produit_id',
        'produits',
        'ligne(s) de vente de ces produits',
      ),
    ],
  },
};
