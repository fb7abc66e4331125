// ABC analysis: the products of the scope ranked by CA TTC with their class (A ≤ 80 % of the
// cumulative revenue, B ≤ 95 %, C the rest: the engine's rule, docs/analytics.md), the
// categories with every KPI and their products per class (COUNTIFS over the product sheet), and
// a summary of the classes as live formulas (COUNTIF / SUMIF) over the product sheet, so that
// the summary follows if a reader reclassifies a product.
import { abcAnalysis, ABC_THRESHOLDS } from '../../analytics/analyses/abc';
import { computeKpis } from '../../analytics/kpi';
import { loadHierarchy } from '../../analytics/hierarchy';
import { KPI_LABELS, REPORT_TITLES } from '../labels';
import {
  COLOURS,
  colLetter,
  finishSheet,
  fitColumns,
  highlightColumns,
  writeHeader,
  writeRow,
  writeTitle,
  type CellInput,
  type ColumnSpec,
} from '../sheet';
import { addParameters, newWorkbook, type BuiltReport, type ReportContext } from './context';
import { kpiColumns, leafCells } from './kpi-columns';
import type ExcelJS from 'exceljs';

export const ABC_SHEETS = {
  products: 'Produits ABC',
  categories: 'Catégories',
  summary: 'Synthèse ABC',
};
const HEADER_ROW = 4;

const PRODUCT_COLUMNS: ColumnSpec[] = [
  { key: 'rang', header: 'Rang', kind: 'int', align: 'center' },
  { key: 'sku', header: 'SKU', kind: 'text' },
  { key: 'libelle', header: 'Produit', kind: 'text' },
  { key: 'categorie', header: 'Catégorie', kind: 'text' },
  { key: 'ca_ttc', header: KPI_LABELS.ca_ttc.label, kind: 'money' },
  { key: 'ca_ht', header: KPI_LABELS.ca_ht.label, kind: 'money' },
  { key: 'cout', header: KPI_LABELS.cout.label, kind: 'money' },
  { key: 'marge', header: KPI_LABELS.marge.label, kind: 'money' },
  { key: 'taux_marge', header: KPI_LABELS.taux_marge.label, kind: 'pct' },
  { key: 'unites', header: KPI_LABELS.unites.label, kind: 'int' },
  { key: 'tickets', header: KPI_LABELS.tickets.label, kind: 'int' },
  { key: 'part', header: 'Part du CA', kind: 'pct' },
  { key: 'part_cumulee', header: 'Part cumulée', kind: 'pct' },
  { key: 'classe', header: 'Classe', kind: 'text', align: 'center' },
];

const CLASS_FILL: Record<'A' | 'B' | 'C', [string, string]> = {
  A: [COLOURS.goodFill, COLOURS.goodText],
  B: ['FFFFEB9C', 'FF9C5700'],
  C: ['FFEDEDED', 'FF595959'],
};

function colOf(columns: ColumnSpec[], key: string): string {
  return colLetter(columns.findIndex((c) => c.key === key) + 1);
}

function classColours(ws: ExcelJS.Worksheet, ref: string): void {
  ws.addConditionalFormatting({
    ref,
    rules: (['A', 'B', 'C'] as const).map((k, i) => ({
      type: 'cellIs' as const,
      operator: 'equal' as const,
      priority: i + 1,
      formulae: [`"${k}"`],
      style: {
        font: { bold: true, color: { argb: CLASS_FILL[k][1] } },
        fill: {
          type: 'pattern' as const,
          pattern: 'solid' as const,
          bgColor: { argb: CLASS_FILL[k][0] },
          fgColor: { argb: CLASS_FILL[k][0] },
        },
      },
    })),
  });
}

export function buildAbc(ctx: ReportContext): BuiltReport {
  const { db, req } = ctx;
  const range = req.range!;
  const abc = abcAnalysis(db, range, req.filter);
  const h = loadHierarchy(db);
  const wb = newWorkbook(ctx);

  // --- Products
  const ps = wb.addWorksheet(ABC_SHEETS.products, {
    properties: { tabColor: { argb: 'FF1F3864' } },
  });
  writeTitle(ps, `${REPORT_TITLES.abc} — produits`, ctx.subtitle);
  writeHeader(ps, HEADER_ROW, PRODUCT_COLUMNS);
  const productCells: Record<string, CellInput>[] = abc.rows.map((r) => ({
    ...r,
    libelle: r.libelle ?? '',
  }));
  productCells.forEach((c, i) => writeRow(ps, HEADER_ROW + 1 + i, PRODUCT_COLUMNS, c));
  const lastProduct = HEADER_ROW + productCells.length;
  fitColumns(ps, PRODUCT_COLUMNS, productCells);
  const classCol = colOf(PRODUCT_COLUMNS, 'classe');
  if (productCells.length > 0)
    classColours(ps, `${classCol}${HEADER_ROW + 1}:${classCol}${lastProduct}`);
  finishSheet(ps, {
    headerRow: HEADER_ROW,
    lastRow: lastProduct,
    columns: PRODUCT_COLUMNS.length,
    frozenColumns: 3,
    footer: `${REPORT_TITLES.abc} — produits`,
  });
  // Ranges of the product sheet the formulas below read (absolute: they are copied down).
  const range$ = (key: string) =>
    `'${ABC_SHEETS.products}'!$${colOf(PRODUCT_COLUMNS, key)}$${HEADER_ROW + 1}:$${colOf(PRODUCT_COLUMNS, key)}$${Math.max(lastProduct, HEADER_ROW + 1)}`;

  // --- Categories: every KPI of the category over the scope, and its products per class.
  const cs = wb.addWorksheet(ABC_SHEETS.categories, {
    properties: { tabColor: { argb: 'FF2F5597' } },
  });
  const catColumns: ColumnSpec[] = [
    { key: 'code', header: 'Code', kind: 'text' },
    { key: 'nom', header: 'Catégorie', kind: 'text' },
    ...kpiColumns().filter((c) => c.key !== 'ca_pcc' && c.key !== 'ca_pcc_n1'),
    { key: 'produits_a', header: 'Produits A', kind: 'int' },
    { key: 'produits_b', header: 'Produits B', kind: 'int' },
    { key: 'produits_c', header: 'Produits C', kind: 'int' },
  ];
  writeTitle(cs, `${REPORT_TITLES.abc} — catégories`, ctx.subtitle);
  writeHeader(cs, HEADER_ROW, catColumns);
  const categories = h.categories.filter(
    (c) => req.filter.category === undefined || c.code === req.filter.category,
  );
  const byClass = (code: string, k: 'A' | 'B' | 'C') =>
    abc.rows.filter((r) => r.categorie === code && r.classe === k).length;
  const catCells: Record<string, CellInput>[] = categories.map((c, i) => {
    const [kpi] = computeKpis(db, {
      level: 'group',
      range,
      n1: req.n1,
      filter: { ...req.filter, category: c.code },
    }).rows;
    const row = HEADER_ROW + 1 + i;
    const count = (k: 'A' | 'B' | 'C') => ({
      formula: `COUNTIFS(${range$('categorie')},$A${row},${range$('classe')},"${k}")`,
      result: byClass(c.code, k),
    });
    return {
      ...leafCells({ ...kpi!, ca_pcc: 0, ca_pcc_n1: 0 }),
      code: c.code,
      nom: c.nom,
      produits_a: count('A'),
      produits_b: count('B'),
      produits_c: count('C'),
    };
  });
  catCells.forEach((c, i) => writeRow(cs, HEADER_ROW + 1 + i, catColumns, c));
  fitColumns(cs, catColumns, catCells);
  highlightColumns(cs, catColumns, HEADER_ROW + 1, HEADER_ROW + catCells.length);
  finishSheet(cs, {
    headerRow: HEADER_ROW,
    lastRow: HEADER_ROW + catCells.length,
    columns: catColumns.length,
    frozenColumns: 2,
    footer: `${REPORT_TITLES.abc} — catégories`,
  });

  // --- Summary of the classes, as formulas over the product sheet.
  const ss = wb.addWorksheet(ABC_SHEETS.summary, {
    properties: { tabColor: { argb: 'FF548235' } },
  });
  const sumColumns: ColumnSpec[] = [
    { key: 'classe', header: 'Classe', kind: 'text' },
    { key: 'regle', header: 'Règle (part cumulée du CA TTC)', kind: 'text' },
    { key: 'produits', header: 'Produits', kind: 'int' },
    { key: 'ca_ttc', header: 'CA TTC', kind: 'money' },
    { key: 'part', header: 'Part du CA', kind: 'pct' },
  ];
  writeTitle(ss, `${REPORT_TITLES.abc} — synthèse`, ctx.subtitle);
  writeHeader(ss, HEADER_ROW, sumColumns);
  const rules = {
    A: `≤ ${ABC_THRESHOLDS.A} %`,
    B: `> ${ABC_THRESHOLDS.A} % et ≤ ${ABC_THRESHOLDS.B} %`,
    C: `> ${ABC_THRESHOLDS.B} %, ou CA ≤ 0`,
  };
  const totalRow = HEADER_ROW + 4;
  const sumCells: Record<string, CellInput>[] = (['A', 'B', 'C'] as const).map((k, i) => {
    const row = HEADER_ROW + 1 + i;
    const ca = abc.classes[k].ca_ttc;
    return {
      classe: k,
      regle: rules[k],
      produits: {
        formula: `COUNTIF(${range$('classe')},$A${row})`,
        result: abc.classes[k].produits,
      },
      ca_ttc: { formula: `SUMIF(${range$('classe')},$A${row},${range$('ca_ttc')})`, result: ca },
      part: {
        formula: `IF($D$${totalRow}=0,"",D${row}/$D$${totalRow})`,
        result: abc.total_ca_ttc === 0 ? '' : ca / abc.total_ca_ttc,
      },
    };
  });
  sumCells.push({
    classe: 'Total',
    regle: '',
    produits: { formula: `SUM(C${HEADER_ROW + 1}:C${HEADER_ROW + 3})`, result: abc.rows.length },
    ca_ttc: { formula: `SUM(D${HEADER_ROW + 1}:D${HEADER_ROW + 3})`, result: abc.total_ca_ttc },
    part: {
      formula: `IF($D$${totalRow}=0,"",D${totalRow}/$D$${totalRow})`,
      result: abc.total_ca_ttc === 0 ? '' : 1,
    },
  });
  sumCells.forEach((c, i) =>
    writeRow(ss, HEADER_ROW + 1 + i, sumColumns, c, { emphasis: i === 3 ? 'total' : undefined }),
  );
  fitColumns(ss, sumColumns, sumCells);
  classColours(ss, `A${HEADER_ROW + 1}:A${HEADER_ROW + 3}`);
  finishSheet(ss, {
    headerRow: HEADER_ROW,
    lastRow: totalRow,
    columns: sumColumns.length,
    frozenColumns: 1,
    autoFilter: false,
    footer: `${REPORT_TITLES.abc} — synthèse`,
  });

  addParameters(wb, ctx);
  return { workbook: wb, rows: productCells.length + catCells.length + sumCells.length };
}
