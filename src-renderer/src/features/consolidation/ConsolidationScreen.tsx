// Consolidation: the tree group → regions → stores with every measure for the chosen period,
// N-1 and target columns, expand/collapse, sort, and drill-down to receipts and lines.
import { useEffect, useMemo } from 'react';
import type { KpiRow } from '../../../../src-shared/domain/analytics';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PeriodPicker } from '../../components/PeriodPicker';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT, type MessageKey } from '../../i18n';
import { localeOf } from '../../i18n/format';
import { useConsolidationStore } from '../../stores/consolidation';
import { useDimensionsStore } from '../../stores/dimensions';
import { stepForRow, useDrillStore } from '../../stores/drill';
import { usePeriodInput } from '../../stores/period';
import { useViewStore } from '../../stores/view';
import { dataGate } from '../NoLocalData';
import { MEASURE_COLUMNS, type ColumnGroup } from './columns';
import { TreeTable } from './TreeTable';
import { allParents, buildTree, flattenTree } from './tree';

const GROUPS: ColumnGroup[] = ['base', 'detail', 'n1', 'target'];

export function ConsolidationScreen() {
  const t = useT();
  const locale = localeOf(useViewStore((s) => s.language));
  const dims = useDimensionsStore();
  const { input, n1 } = usePeriodInput();
  const c = useConsolidationStore();
  const openDrill = useDrillStore((s) => s.openAt);
  const key = input ? JSON.stringify([input, n1, c.category]) : null;
  const { load } = c;

  useEffect(() => {
    if (key) void load(JSON.parse(key)[0], n1);
  }, [key, n1, load]);

  const root = useMemo(() => (c.tree ? buildTree(c.tree) : null), [c.tree]);
  const rows = useMemo(
    () => (root ? flattenTree(root, c.expanded, c.sort) : []),
    [root, c.expanded, c.sort],
  );
  const columns = MEASURE_COLUMNS.filter((m) => c.groups[m.group]);

  const gate = dataGate(dims, c.error);
  if (gate) {
    return (
      <>
        <ScreenHeader title={t('screen.consolidation')} intro={t('screen.consolidation.intro')} />
        {gate}
      </>
    );
  }

  const drill = (row: KpiRow) => {
    if (!c.tree) return;
    openDrill(stepForRow(row), c.tree.range, c.tree.n1, c.category ? { category: c.category } : {});
  };

  return (
    <>
      <ScreenHeader title={t('screen.consolidation')} intro={t('screen.consolidation.intro')} />
      <div className="toolbar">
        <PeriodPicker resolved={c.tree} bounds={dims.data?.bounds} />
      </div>
      <div className="toolbar toolbar-secondary">
        <label className="field-inline">
          <span>{t('col.category')}</span>
          <select
            value={c.category ?? ''}
            onChange={(e) => c.setCategory(e.target.value || null)}
            data-testid="consolidation-category"
          >
            <option value="">{t('filter.allCategories')}</option>
            {dims.data?.categories.map((cat) => (
              <option key={cat.code} value={cat.code}>
                {cat.nom}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="checks">
          <legend className="sr-only">{t('consolidation.columns')}</legend>
          {GROUPS.map((g) => (
            <label key={g} className="check">
              <input type="checkbox" checked={c.groups[g]} onChange={() => c.toggleGroup(g)} />
              {t(`consolidation.group.${g}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button button-small"
          onClick={() => root && c.setExpanded(allParents(root))}
        >
          {t('tree.expandAll')}
        </button>
        <button type="button" className="button button-small" onClick={() => c.setExpanded([])}>
          {t('tree.collapseAll')}
        </button>
      </div>
      {c.error ? (
        <ErrorNotice error={c.error} onRetry={() => input && void c.load(input, n1)} />
      ) : null}
      {c.tree ? (
        <section className="card card-flush" aria-busy={c.loading}>
          <TreeTable
            rows={rows}
            columns={columns}
            sort={c.sort}
            locale={locale}
            onSort={(k) =>
              c.setSort({ key: k, dir: c.sort.key === k && c.sort.dir === 'desc' ? 'asc' : 'desc' })
            }
            onToggle={c.toggle}
            onDrill={drill}
          />
          <p className="muted small table-note">
            {t('consolidation.hint', { count: rows.length })}
          </p>
        </section>
      ) : !c.error ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
    </>
  );
}
