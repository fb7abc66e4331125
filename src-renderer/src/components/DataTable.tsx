// A dense, sortable table. Sorting is by header buttons (aria-sort on the header cell); a row can
// be "activated" (drill-down) through a button in its first cell, so it works from the keyboard.
import { useMemo, useState, type ReactNode } from 'react';

export interface Column<R> {
  key: string;
  label: string;
  numeric?: boolean;
  render(row: R): ReactNode;
  /** Sort key; columns without one are not sortable. */
  sortValue?(row: R): number | string | null;
}

export interface DataTableProps<R> {
  columns: Column<R>[];
  rows: R[];
  rowKey(row: R): string;
  caption?: string;
  /** Makes the first cell a button that activates the row. */
  onActivate?(row: R): void;
  activateLabel?(row: R): string;
  initialSort?: { key: string; dir: 'asc' | 'desc' };
  footer?: ReactNode;
  testId?: string;
  className?: string;
}

export function sortRows<R>(rows: R[], col: Column<R> | undefined, dir: 'asc' | 'desc'): R[] {
  if (!col?.sortValue) return rows;
  const v = col.sortValue;
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = v(a);
    const y = v(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * String(x).localeCompare(String(y));
  });
}

export function DataTable<R>(p: DataTableProps<R>) {
  const [sort, setSort] = useState(p.initialSort ?? null);
  const sorted = useMemo(
    () =>
      sort
        ? sortRows(
            p.rows,
            p.columns.find((c) => c.key === sort.key),
            sort.dir,
          )
        : p.rows,
    [p.rows, p.columns, sort],
  );
  const toggle = (key: string) =>
    setSort((s) =>
      s?.key === key ? { key, dir: s.dir === 'desc' ? 'asc' : 'desc' } : { key, dir: 'desc' },
    );
  return (
    <div className={`table-wrap ${p.className ?? ''}`}>
      <table className="grid-table" data-testid={p.testId}>
        {p.caption ? <caption className="sr-only">{p.caption}</caption> : null}
        <thead>
          <tr>
            {p.columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.numeric ? 'num' : undefined}
                aria-sort={
                  sort?.key === c.key
                    ? sort.dir === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : undefined
                }
              >
                {c.sortValue ? (
                  <button type="button" className="sort-button" onClick={() => toggle(c.key)}>
                    {c.label}
                    <span className="sort-mark" aria-hidden="true">
                      {sort?.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={p.rowKey(r)}>
              {p.columns.map((c, i) => (
                <td key={c.key} className={c.numeric ? 'num' : undefined}>
                  {i === 0 && p.onActivate ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => p.onActivate?.(r)}
                      aria-label={p.activateLabel?.(r)}
                    >
                      {c.render(r)}
                    </button>
                  ) : (
                    c.render(r)
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {p.footer ? <tfoot>{p.footer}</tfoot> : null}
      </table>
    </div>
  );
}
