// The editor of one lever: scope selects and sliders for price/volume/cost, a store and a date for
// a closure, the model store and ramp-up for an opening, a percentage for a target change. Every
// change is sent at once (the session recomputes only what it touches).
import type { ReactNode } from 'react';
import type { Lever, ScenarioIssue } from '../../../../src-shared/domain/scenario';
import type { DimensionsData } from '../../../../src-shared/ipc/dto/analytics';
import { DayField } from '../../components/DayField';
import { useT, type MessageKey } from '../../i18n';
import { formatDecimal, formatEvolution, formatPercent } from '../../i18n/format';
import { fromPercent, toPercent } from './levers';
import { Slider } from './Slider';

export interface LeverEditorProps {
  index: number;
  lever: Lever;
  dims: DimensionsData;
  baseline: { from: string; to: string };
  issues: ScenarioIssue[];
  locale: string;
  onChange(lever: Lever): void;
  onRemove(): void;
}

function Select(p: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange(v: string): void;
  testId?: string;
}) {
  return (
    <label className="field">
      <span>{p.label}</span>
      <select value={p.value} onChange={(e) => p.onChange(e.target.value)} data-testid={p.testId}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function LeverEditor(p: LeverEditorProps) {
  const t = useT();
  const { lever, dims, locale } = p;
  const pct = (v: number) => formatEvolution(v / 100, locale, 1);
  const share = (v: number) => formatPercent(v / 100, locale, 0);
  const all = t('filter.all');
  const regions = [
    { value: '', label: all },
    ...dims.regions.map((r) => ({ value: r.code, label: r.nom })),
  ];
  const storesOf = (region?: string) => {
    const rid = dims.regions.find((r) => r.code === region)?.id;
    return dims.stores
      .filter((s) => rid === undefined || s.region_id === rid)
      .map((s) => ({ value: String(s.id), label: s.nom }));
  };
  const categories = [
    { value: '', label: all },
    ...dims.categories.map((c) => ({ value: c.code, label: c.nom })),
  ];
  const opt = <T,>(v: string, f: (x: string) => T): T | undefined => (v === '' ? undefined : f(v));
  const prefix = `lever-${p.index}`;

  let body: ReactNode;
  switch (lever.type) {
    case 'scope': {
      const s = lever.scope;
      body = (
        <>
          <div className="field-row">
            <Select
              label={t('col.region')}
              value={s.region ?? ''}
              options={regions}
              testId={`${prefix}-region`}
              onChange={(v) =>
                p.onChange({ ...lever, scope: { ...s, region: opt(v, String), store: undefined } })
              }
            />
            <Select
              label={t('col.store')}
              value={s.store ? String(s.store) : ''}
              options={[{ value: '', label: all }, ...storesOf(s.region)]}
              onChange={(v) => p.onChange({ ...lever, scope: { ...s, store: opt(v, Number) } })}
            />
            <Select
              label={t('col.category')}
              value={s.category ?? ''}
              options={categories}
              onChange={(v) => p.onChange({ ...lever, scope: { ...s, category: opt(v, String) } })}
            />
          </div>
          <Slider
            label={t('lever.price')}
            min={-20}
            max={20}
            step={0.5}
            value={toPercent(lever.price_pct)}
            format={pct}
            testId={`${prefix}-price`}
            onChange={(v) => p.onChange({ ...lever, price_pct: fromPercent(v) })}
          />
          <Slider
            label={t('lever.volume')}
            min={-30}
            max={30}
            step={0.5}
            value={toPercent(lever.volume_pct)}
            format={pct}
            testId={`${prefix}-volume`}
            onChange={(v) => p.onChange({ ...lever, volume_pct: fromPercent(v) })}
          />
          <Slider
            label={t('lever.cost')}
            min={-20}
            max={20}
            step={0.5}
            value={toPercent(lever.cost_pct)}
            format={pct}
            testId={`${prefix}-cost`}
            onChange={(v) => p.onChange({ ...lever, cost_pct: fromPercent(v) })}
          />
        </>
      );
      break;
    }
    case 'close_store':
      body = (
        <>
          <div className="field-row">
            <Select
              label={t('col.store')}
              value={String(lever.store)}
              options={storesOf()}
              onChange={(v) => p.onChange({ ...lever, store: Number(v) })}
            />
            <DateField
              label={t('lever.closeFrom')}
              value={lever.from}
              baseline={p.baseline}
              onChange={(v) => p.onChange({ ...lever, from: v })}
            />
          </div>
          <Slider
            label={t('lever.transfer')}
            min={0}
            max={100}
            step={5}
            value={toPercent(lever.transfer_pct, 5)}
            format={share}
            onChange={(v) => p.onChange({ ...lever, transfer_pct: fromPercent(v) })}
          />
        </>
      );
      break;
    case 'open_store':
      body = (
        <>
          <div className="field-row">
            <Select
              label={t('lever.likeStore')}
              value={String(lever.like_store)}
              options={storesOf()}
              onChange={(v) => p.onChange({ ...lever, like_store: Number(v) })}
            />
            <Select
              label={t('col.region')}
              value={lever.region}
              options={regions.slice(1)}
              onChange={(v) => p.onChange({ ...lever, region: v })}
            />
            <DateField
              label={t('lever.openFrom')}
              value={lever.from}
              baseline={p.baseline}
              onChange={(v) => p.onChange({ ...lever, from: v })}
            />
          </div>
          <Slider
            label={t('lever.size')}
            min={0.2}
            max={3}
            step={0.1}
            value={lever.size_factor ?? 1}
            format={(v) => `× ${formatDecimal(v, locale, 1)}`}
            onChange={(v) => p.onChange({ ...lever, size_factor: v })}
          />
          <Slider
            label={t('lever.rampUp')}
            min={0}
            max={24}
            step={1}
            value={lever.ramp_up_months ?? 0}
            format={(v) => t('lever.months', { n: v })}
            onChange={(v) => p.onChange({ ...lever, ramp_up_months: v })}
          />
          <Slider
            label={t('lever.cannibalisation')}
            min={0}
            max={30}
            step={1}
            value={toPercent(lever.cannibalisation_pct, 1)}
            format={share}
            onChange={(v) => p.onChange({ ...lever, cannibalisation_pct: fromPercent(v) })}
          />
        </>
      );
      break;
    case 'target':
      body = (
        <>
          <div className="field-row">
            <Select
              label={t('col.region')}
              value={lever.scope.region ?? ''}
              options={regions}
              onChange={(v) => p.onChange({ ...lever, scope: { region: opt(v, String) } })}
            />
          </div>
          <Slider
            label={t('lever.target')}
            min={-20}
            max={30}
            step={0.5}
            value={toPercent(lever.objectif_pct)}
            format={pct}
            onChange={(v) =>
              p.onChange({ ...lever, objectif_pct: fromPercent(v), objectif_ca: undefined })
            }
          />
        </>
      );
      break;
  }

  return (
    <fieldset className="lever" data-testid={prefix}>
      <legend>
        {p.index + 1}. {t(`lever.type.${lever.type}` as MessageKey)}
      </legend>
      {body}
      {p.issues.length > 0 ? (
        <ul className="issues" role="alert">
          {p.issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              {i.path ? <code>{i.path}</code> : null} {i.message}
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="button button-small button-quiet" onClick={p.onRemove}>
        {t('lever.remove')}
      </button>
    </fieldset>
  );
}

function DateField(p: {
  label: string;
  value: string;
  baseline: { from: string; to: string };
  onChange(v: string): void;
}) {
  return (
    <label className="field">
      <span>{p.label}</span>
      <DayField value={p.value} min={p.baseline.from} max={p.baseline.to} onCommit={p.onChange} />
    </label>
  );
}
