// The consolidation tree as rows to draw: group → regions → stores, siblings sorted by the chosen
// column, children shown only under expanded nodes. Pure, so that sorting and expanding are unit
// tested and the virtualised table only slices the result.
import type { KpiMeasures, KpiRow } from '../../../../src-shared/domain/analytics';
import type { KpiTree } from '../../../../src-shared/ipc/dto/analytics';

export type SortKey = 'nom' | keyof KpiMeasures;
export interface TreeSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export interface TreeNode {
  key: string;
  row: KpiRow;
  children: TreeNode[];
}

export interface FlatRow {
  key: string;
  row: KpiRow;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

export function nodeKey(row: Pick<KpiRow, 'level' | 'id'>): string {
  return `${row.level}:${row.id ?? 'all'}`;
}

export function buildTree(tree: KpiTree): TreeNode {
  const storesByRegion = new Map<number, TreeNode[]>();
  for (const s of tree.stores) {
    const list = storesByRegion.get(s.region_id) ?? [];
    list.push({ key: nodeKey(s), row: s, children: [] });
    storesByRegion.set(s.region_id, list);
  }
  return {
    key: nodeKey(tree.group),
    row: tree.group,
    children: tree.regions.map((r) => ({
      key: nodeKey(r),
      row: r,
      children: storesByRegion.get(r.id ?? -1) ?? [],
    })),
  };
}

function compare(a: KpiRow, b: KpiRow, sort: TreeSort): number {
  const sign = sort.dir === 'asc' ? 1 : -1;
  if (sort.key === 'nom') return sign * a.nom.localeCompare(b.nom);
  const x = a[sort.key];
  const y = b[sort.key];
  // A missing ratio (no denominator) sorts last in both directions.
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  return sign * (x - y) || a.nom.localeCompare(b.nom);
}

export function flattenTree(
  root: TreeNode,
  expanded: ReadonlySet<string>,
  sort: TreeSort,
): FlatRow[] {
  const out: FlatRow[] = [];
  const visit = (n: TreeNode, depth: number) => {
    const open = expanded.has(n.key);
    out.push({ key: n.key, row: n.row, depth, hasChildren: n.children.length > 0, expanded: open });
    if (!open) return;
    for (const c of [...n.children].sort((a, b) => compare(a.row, b.row, sort)))
      visit(c, depth + 1);
  };
  visit(root, 0);
  return out;
}

/** Every node with children (for "expand all"). */
export function allParents(root: TreeNode): string[] {
  const keys: string[] = [];
  const visit = (n: TreeNode) => {
    if (n.children.length === 0) return;
    keys.push(n.key);
    n.children.forEach(visit);
  };
  visit(root);
  return keys;
}

/** The rows of the virtual window: which slice of `count` rows a viewport shows. */
export function visibleWindow(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): { start: number; end: number } {
  const first = Math.floor(scrollTop / rowHeight);
  const shown = Math.ceil(viewport / rowHeight);
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(count, first + shown + overscan),
  };
}
