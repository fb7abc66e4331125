// Consolidation: group → regions → stores (down to the requested level), every measure of
// DOMAIN.md §3 with N-1, like-for-like and target columns. Rows carry Excel outline levels
// (group 0, regions 1, stores 2, summaries above their details) so a reader folds regions with
// the [-] buttons. The deepest level listed holds the engine's figures as numbers; every parent
// row is live formulas over its children (kpi-columns.ts), so they recalculate if a reader edits
// a store's figure or filters stores out.
import type { KpiLevel, KpiRow } from '../../../../src-shared/domain/analytics';
import { computeKpis } from '../../analytics/kpi';
import { loadHierarchy, type Store } from '../../analytics/hierarchy';
import { isLikeForLike } from '../../analytics/measures';
import { previousYearRange } from '../../analytics/periods';
import { LEVEL_LABELS, REPORT_TITLES } from '../labels';
import {
  finishSheet,
  fitColumns,
  highlightColumns,
  writeHeader,
  writeRow,
  writeTitle,
  type CellInput,
  type ColumnSpec,
  type RowEmphasis,
} from '../sheet';
import { addParameters, newWorkbook, type BuiltReport, type ReportContext } from './context';
import { kpiColumns, leafCells, parentCells, parentValues, type KpiValues } from './kpi-columns';

export const CONSOLIDATION_SHEET = 'Consolidation';
const HEADER_ROW = 4;
const LABEL_COLUMNS: ColumnSpec[] = [
  { key: 'niveau', header: 'Niveau', kind: 'text' },
  { key: 'code', header: 'Code / n°', kind: 'text' },
  { key: 'nom', header: 'Nom', kind: 'text', indentByLevel: true },
];

/** A node of the tree to write: its engine row, its children, its like-for-like sums. */
interface TreeNode {
  level: KpiLevel;
  row: KpiRow;
  values: KpiValues;
  children: TreeNode[];
}

const DEPTH: Record<KpiLevel, number> = { group: 0, region: 1, store: 2 };

/** Like-for-like sums of a set of stores from their engine rows (cents, exact). */
function lflSums(rows: KpiRow[], isLfl: (id: number) => boolean): { ca: number; n1: number } {
  let ca = 0;
  let n1 = 0;
  for (const r of rows) {
    if (r.id !== null && isLfl(r.id)) {
      ca += Math.round(r.ca_ttc * 100);
      n1 += Math.round(r.ca_ttc_n1 * 100);
    }
  }
  return { ca: ca / 100, n1: n1 / 100 };
}

export function buildTree(ctx: ReportContext, deepest: KpiLevel): TreeNode {
  const { db, req } = ctx;
  const range = req.range!;
  const q = { range, filter: req.filter, n1: req.n1 };
  const n1Range = previousYearRange(range, req.n1);
  const h = loadHierarchy(db);
  const storeById = new Map<number, Store>(h.stores.map((s) => [s.id, s]));
  const isLfl = (id: number) => {
    const s = storeById.get(id);
    return s !== undefined && isLikeForLike(s, range, n1Range);
  };
  const storeRows = computeKpis(db, { ...q, level: 'store' }).rows;
  const withLfl = (row: KpiRow, stores: KpiRow[]): KpiValues => {
    const l = lflSums(stores, isLfl);
    return { ...row, ca_pcc: l.ca, ca_pcc_n1: l.n1 };
  };
  const [groupRow] = computeKpis(db, { ...q, level: 'group' }).rows;
  const group: TreeNode = {
    level: 'group',
    row: groupRow!,
    values: withLfl(groupRow!, storeRows),
    children: [],
  };
  if (DEPTH[deepest] >= 1) {
    for (const regionRow of computeKpis(db, { ...q, level: 'region' }).rows) {
      const stores = storeRows.filter((s) => storeById.get(s.id!)?.regionId === regionRow.id);
      group.children.push({
        level: 'region',
        row: regionRow,
        values: withLfl(regionRow, stores),
        children:
          DEPTH[deepest] >= 2
            ? stores.map((s) => ({ level: 'store', row: s, values: withLfl(s, [s]), children: [] }))
            : [],
      });
    }
  }
  return group;
}

interface PlannedRow {
  node: TreeNode;
  rowNo: number;
  cells: Record<string, CellInput>;
  emphasis: RowEmphasis;
  depth: number;
}

/**
 * Assigns sheet rows depth-first (a parent above its children) and the cells of each: a parent
 * with children gets formulas over the rows below it up to its last descendant; a node without
 * children listed (the deepest level, or a region without stores) keeps the engine's figures.
 */
function planRows(root: TreeNode, firstRow: number, firstKpiCol: number): PlannedRow[] {
  const out: PlannedRow[] = [];
  const visit = (node: TreeNode): { last: number; shown: KpiValues } => {
    const rowNo = firstRow + out.length;
    const planned: PlannedRow = {
      node,
      rowNo,
      cells: {},
      emphasis: node.level === 'group' ? 'group' : node.level === 'region' ? 'region' : undefined,
      depth: DEPTH[node.level],
    };
    out.push(planned);
    let last = rowNo;
    let shown = node.values;
    if (node.children.length > 0) {
      const childValues: KpiValues[] = [];
      for (const child of node.children) {
        const r = visit(child);
        last = r.last;
        childValues.push(r.shown);
      }
      // What Excel will show: the formulas over the children's shown values (see parentValues).
      shown = { ...node.values, ...parentValues(childValues) };
      planned.cells = parentCells(rowNo, rowNo + 1, last, firstKpiCol, shown);
    } else {
      planned.cells = leafCells(node.values);
    }
    const label = node.row;
    Object.assign(planned.cells, {
      niveau: LEVEL_LABELS[node.level],
      code: label.code ?? (label.id === null ? '' : String(label.id)),
      nom: label.nom,
    });
    return { last, shown };
  };
  visit(root);
  return out;
}

export function buildConsolidation(ctx: ReportContext): BuiltReport {
  const deepest = ctx.req.kpiLevel;
  const tree = buildTree(ctx, deepest);
  const wb = newWorkbook(ctx);
  const ws = wb.addWorksheet(CONSOLIDATION_SHEET, {
    properties: {
      tabColor: { argb: 'FF1F3864' },
      outlineLevelRow: DEPTH[deepest],
      outlineProperties: { summaryBelow: false, summaryRight: false },
    } as never,
  });
  const columns = [...LABEL_COLUMNS, ...kpiColumns()];
  writeTitle(ws, REPORT_TITLES.consolidation, ctx.subtitle);
  writeHeader(ws, HEADER_ROW, columns);
  const rows = planRows(tree, HEADER_ROW + 1, LABEL_COLUMNS.length + 1);
  for (const r of rows) {
    writeRow(ws, r.rowNo, columns, r.cells, { emphasis: r.emphasis, outlineLevel: r.depth });
  }
  const lastRow = HEADER_ROW + rows.length;
  fitColumns(
    ws,
    columns,
    rows.map((r) => r.cells),
  );
  highlightColumns(ws, columns, HEADER_ROW + 1, lastRow);
  finishSheet(ws, {
    headerRow: HEADER_ROW,
    lastRow,
    columns: columns.length,
    frozenColumns: LABEL_COLUMNS.length,
    footer: REPORT_TITLES.consolidation,
  });
  addParameters(wb, ctx);
  return { workbook: wb, rows: rows.length };
}
