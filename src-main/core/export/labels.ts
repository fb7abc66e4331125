// The French vocabulary of the exports: one dictionary of column labels and number formats, so
// that every report says "CA TTC" or "Évol. N-1" the same way and formats a figure of a kind the
// same way. Number formats are Excel codes with the US separators (`,` thousands, `.` decimals):
// Excel and LibreOffice render them with the reader's locale, so a French reader sees
// "1 234,56 €" and "12,3 %" while the cell keeps a plain number.
import type { KpiMeasures } from '../../../src-shared/domain/analytics';

export type ValueKind =
  'money' | 'euro' | 'pct' | 'pts' | 'int' | 'dec' | 'text' | 'date' | 'datetime' | 'qty';

export const NUM_FMT: Record<ValueKind, string | undefined> = {
  // Negative money in red with a minus sign: deltas and returns stand out on paper too.
  money: '#,##0.00 "€";[Red]-#,##0.00 "€"',
  // Whole euros, for wide side-by-side comparisons (the cell keeps the cents).
  euro: '#,##0 "€";[Red]-#,##0 "€"',
  pct: '0.0%',
  // The gap between two rates, in percentage points (the cell holds points: 0.6 for 31.1 % →
  // 31.7 %), as a controller writes it; a "%" would read as a relative change.
  pts: '+0.0" pt";-0.0" pt";0.0" pt"',
  int: '#,##0',
  // Units of a scenario are fractional (0.01): shown with two decimals.
  qty: '#,##0.00',
  dec: '0.00',
  text: undefined,
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm:ss',
};

/** How a measure is shown: its French header and the kind of number it is. */
export interface MeasureLabel {
  label: string;
  kind: ValueKind;
  /** Tooltip-style explanation, written in the Paramètres sheet's glossary. */
  help: string;
}

export type KpiKey = keyof KpiMeasures;

export const KPI_LABELS: Record<KpiKey, MeasureLabel> = {
  ca_ttc: { label: 'CA TTC', kind: 'money', help: "Chiffre d'affaires toutes taxes comprises" },
  ca_ht: {
    label: 'CA HT',
    kind: 'money',
    help: "Chiffre d'affaires hors taxes (TVA de la catégorie)",
  },
  cout: {
    label: 'Coût',
    kind: 'money',
    help: "Coût d'achat des articles vendus (prix d'achat actuel)",
  },
  marge: { label: 'Marge', kind: 'money', help: 'Marge brute = CA HT − coût' },
  taux_marge: { label: 'Taux de marge', kind: 'pct', help: 'Marge / CA HT' },
  unites: { label: 'Unités', kind: 'int', help: 'Quantités vendues (retours déduits)' },
  tickets: { label: 'Tickets', kind: 'int', help: 'Nombre de tickets (ventes) du périmètre' },
  panier_moyen: { label: 'Panier moyen', kind: 'money', help: 'CA TTC / tickets' },
  upt: { label: 'UPT', kind: 'dec', help: 'Unités par ticket = unités / tickets' },
  objectif: {
    label: 'Objectif',
    kind: 'money',
    help: "Objectif de CA TTC de la période (prorata des jours d'ouverture)",
  },
  atteinte: { label: 'Atteinte', kind: 'pct', help: 'CA TTC / objectif' },
  ca_ttc_n1: { label: 'CA TTC N-1', kind: 'money', help: 'CA TTC de la période N-1' },
  evol_n1: { label: 'Évol. N-1', kind: 'pct', help: 'CA TTC / CA TTC N-1 − 1' },
  evol_lfl: {
    label: 'Évol. PCC',
    kind: 'pct',
    help: 'Évolution à périmètre comparable (magasins ouverts sur les deux périodes)',
  },
};

/** Like-for-like sums written beside the KPIs so that parents can recompute Évol. PCC. */
export const LFL_LABELS = {
  ca_pcc: {
    label: 'CA TTC PCC',
    kind: 'money',
    help: 'CA TTC des magasins à périmètre comparable',
  },
  ca_pcc_n1: { label: 'CA TTC PCC N-1', kind: 'money', help: 'CA TTC N-1 des mêmes magasins' },
} satisfies Record<string, MeasureLabel>;

export const LEVEL_LABELS = {
  group: 'Groupe',
  region: 'Région',
  store: 'Magasin',
  category: 'Catégorie',
} as const;

export const N1_LABELS = {
  calendar: 'Calendaire (mêmes dates un an plus tôt, 29/02 → 28/02)',
  '364': '364 jours (mêmes jours de la semaine)',
} as const;

export const REPORT_TITLES = {
  consolidation: 'Consolidation des indicateurs',
  ranking: 'Classement des magasins',
  abc: 'Analyse ABC produits et catégories',
  whatif: 'Simulation what-if : base et scénarios',
  detail: 'Détail des lignes de ventes',
} as const;
