// The consolidation tree grid, virtualised: only the rows in view (plus a margin) are in the DOM,
// so a chain of thousands of stores scrolls as smoothly as ten. Keyboard: ↑/↓ move, → expands,
// ← collapses (or goes to the parent), Enter drills down, Home/End jump.
import { Evolution } from '../../components/Evolution';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { KpiRow } from '../../../../src-shared/domain/analytics';
import { useT } from '../../i18n';
import type { MeasureColumn } from './columns';
import { visibleWindow, type FlatRow, type SortKey, type TreeSort } from './tree';

const ROW_HEIGHT = 32;
const VIEWPORT = 560;

export interface TreeTableProps {
  rows: FlatRow[];
  columns: MeasureColumn[];
  sort: TreeSort;
  locale: string;
  onSort(key: SortKey): void;
  onToggle(key: string): void;
  onDrill(row: KpiRow): void;
}

export function TreeTable(p: TreeTableProps) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState(0);
  const [focusPending, setFocusPending] = useState(false);
  const activeIndex = Math.min(active, p.rows.length - 1);
  const { start, end } = useMemo(
    () => visibleWindow(scrollTop, VIEWPORT, ROW_HEIGHT, p.rows.length),
    [scrollTop, p.rows.length],
  );

  // Keyboard focus follows the active row, scrolling it into the rendered window first.
  useEffect(() => {
    if (!focusPending) return;
    const el = scroller.current;
    if (!el) return;
    const top = activeIndex * ROW_HEIGHT;
    const header = ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight - header)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight + header;
    const row = el.querySelector<HTMLTableRowElement>(`tr[data-index="${activeIndex}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      setFocusPending(false);
    }
  }, [focusPending, activeIndex, start, end]);

  const move = (i: number) => {
    setActive(Math.max(0, Math.min(p.rows.length - 1, i)));
    setFocusPending(true);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, r: FlatRow, i: number) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(i + 1),
      ArrowUp: () => move(i - 1),
      Home: () => move(0),
      End: () => move(p.rows.length - 1),
      PageDown: () => move(i + Math.floor(VIEWPORT / ROW_HEIGHT)),
      PageUp: () => move(i - Math.floor(VIEWPORT / ROW_HEIGHT)),
      ArrowRight: () => r.hasChildren && !r.expanded && p.onToggle(r.key),
      ArrowLeft: () => {
        if (r.expanded) p.onToggle(r.key);
        else {
          for (let j = i - 1; j >= 0; j--) if (p.rows[j]!.depth < r.depth) return move(j);
        }
      },
      Enter: () => p.onDrill(r.row),
    };
    const action = keys[e.key];
    if (action && e.target === e.currentTarget) {
      e.preventDefault();
      action();
    }
  };

  const sortMark = (key: SortKey) =>
    p.sort.key === key ? (p.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
  const header = (key: SortKey, label: string, numeric: boolean) => (
    <th key={key} scope="col" className={numeric ? 'num' : undefined} aria-sort={sortMark(key)}>
      <button type="button" className="sort-button" onClick={() => p.onSort(key)}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {p.sort.key === key ? (p.sort.dir === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );

  const colSpan = p.columns.length + 1;
  return (
    <div
      ref={scroller}
      className="tree-scroll"
      style={{ maxHeight: VIEWPORT + ROW_HEIGHT }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <table
        className="grid-table tree-table"
        role="treegrid"
        aria-rowcount={p.rows.length + 1}
        aria-label={t('consolidation.table')}
        data-testid="consolidation-tree"
      >
        <thead>
          <tr aria-rowindex={1}>
            {header('nom', t('col.entity'), false)}
            {/* Non-breaking hyphens: a wrapped header never splits "N-1". */}
            {p.columns.map((c) => header(c.key, t(c.label).replace(/-/g, '\u2011'), true))}
          </tr>
        </thead>
        <tbody>
          {start > 0 ? (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={colSpan} style={{ height: start * ROW_HEIGHT }} />
            </tr>
          ) : null}
          {p.rows.slice(start, end).map((r, k) => {
            const i = start + k;
            return (
              <tr
                key={r.key}
                data-index={i}
                data-key={r.key}
                aria-rowindex={i + 2}
                aria-level={r.depth + 1}
                aria-expanded={r.hasChildren ? r.expanded : undefined}
                tabIndex={i === activeIndex ? 0 : -1}
                className={`tree-row depth-${r.depth}`}
                onFocus={() => setActive(i)}
                onKeyDown={(e) => onKeyDown(e, r, i)}
              >
                <th scope="row" className="tree-name" style={{ paddingLeft: 8 + r.depth * 18 }}>
                  {r.hasChildren ? (
                    <button
                      type="button"
                      className="tree-toggle"
                      tabIndex={-1}
                      aria-label={t(r.expanded ? 'tree.collapse' : 'tree.expand', {
                        name: r.row.nom,
                      })}
                      onClick={() => p.onToggle(r.key)}
                    >
                      {r.expanded ? '▾' : '▸'}
                    </button>
                  ) : (
                    <span className="tree-leaf" aria-hidden="true" />
                  )}
                  <button
                    type="button"
                    className="link-button"
                    tabIndex={-1}
                    onClick={() => p.onDrill(r.row)}
                    title={t('drill.open', { name: r.row.nom })}
                  >
                    {r.row.level === 'group' ? t('scope.total') : r.row.nom}
                  </button>
                </th>
                {p.columns.map((c) => (
                  <td key={c.key} className="num">
                    {c.growth ? (
                      <Evolution value={r.row[c.key]} locale={p.locale} />
                    ) : (
                      c.format(r.row[c.key], p.locale)
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
          {end < p.rows.length ? (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={colSpan} style={{ height: (p.rows.length - end) * ROW_HEIGHT }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
