// Store ranking: every store of the scope ranked by one measure (the engine's order: descending,
// null last, ties by id), with all the KPI columns, and a total row of live formulas below the
// table (outside the filter range, so sorting the table never moves it; SUBTOTAL follows the
// filter, so it totals the stores left visible).
import { RANKING_MEASURES } from '../../../../src-shared/domain/analytics';
import { rankStores } from '../../analytics/analyses/ranking';
import { loadHierarchy } from '../../analytics/hierarchy';
import { KPI_LABELS, REPORT_TITLES } from '../labels';
import {
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
import { buildTree } from './consolidation';
import { kpiColumns, leafCells, parentCells, parentValues, type KpiValues } from './kpi-columns';

export const RANKING_SHEET = 'Classement';
const HEADER_ROW = 4;
const LABEL_COLUMNS: ColumnSpec[] = [
  { key: 'rang', header: 'Rang', kind: 'int', align: 'center' },
  { key: 'nom', header: 'Magasin', kind: 'text' },
  { key: 'id', header: 'N°', kind: 'int', align: 'center' },
  { key: 'region', header: 'Région', kind: 'text' },
];

export function rankingMeasureLabel(m: (typeof RANKING_MEASURES)[number]): string {
  return KPI_LABELS[m].label;
}

export function buildRanking(ctx: ReportContext): BuiltReport {
  const { db, req } = ctx;
  const h = loadHierarchy(db);
  const regionOf = new Map(
    h.stores.map((s) => {
      const r = h.regionById.get(s.regionId);
      return [s.id, r ? `${r.code} ${r.nom}` : ''];
    }),
  );
  const ranked = rankStores(db, {
    range: req.range!,
    filter: req.filter,
    n1: req.n1,
    measure: req.measure,
    order: 'top',
    limit: Number.MAX_SAFE_INTEGER,
  }).rows;
  // Like-for-like sums per store: the consolidation tree's store leaves carry them.
  const lfl = new Map<number, KpiValues>();
  for (const region of buildTree(ctx, 'store').children)
    for (const s of region.children) lfl.set(s.row.id!, s.values);

  const wb = newWorkbook(ctx);
  const ws = wb.addWorksheet(RANKING_SHEET, { properties: { tabColor: { argb: 'FF1F3864' } } });
  const columns = [
    ...LABEL_COLUMNS,
    ...kpiColumns().map((c) =>
      // The ranking measure's header says so.
      c.key === req.measure ? { ...c, header: `${c.header} ▼` } : c,
    ),
  ];
  writeTitle(ws, `${REPORT_TITLES.ranking} par ${rankingMeasureLabel(req.measure)}`, ctx.subtitle);
  writeHeader(ws, HEADER_ROW, columns);
  const cells: Record<string, CellInput>[] = [];
  const values: KpiValues[] = [];
  for (const r of ranked) {
    const v = lfl.get(r.id!) ?? { ...r, ca_pcc: 0, ca_pcc_n1: 0 };
    values.push(v);
    const row = {
      ...leafCells(v),
      rang: r.rang,
      nom: r.nom,
      id: r.id,
      region: regionOf.get(r.id!) ?? '',
    };
    cells.push(row);
    writeRow(ws, HEADER_ROW + cells.length, columns, row);
  }
  const lastRow = HEADER_ROW + cells.length;
  if (cells.length > 0) {
    const totalRow = lastRow + 2;
    const total = {
      ...parentCells(
        totalRow,
        HEADER_ROW + 1,
        lastRow,
        LABEL_COLUMNS.length + 1,
        parentValues(values),
      ),
      nom: 'Total des magasins affichés',
    };
    writeRow(ws, totalRow, columns, total, { emphasis: 'total' });
    cells.push(total);
  }
  fitColumns(ws, columns, cells);
  highlightColumns(ws, columns, HEADER_ROW + 1, lastRow);
  finishSheet(ws, {
    headerRow: HEADER_ROW,
    lastRow,
    columns: columns.length,
    frozenColumns: 2,
    footer: REPORT_TITLES.ranking,
  });
  addParameters(wb, ctx);
  return { workbook: wb, rows: ranked.length };
}
