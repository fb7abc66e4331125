// What-if comparison: the baseline against one to four scenarios sharing its period.
//  - "Synthèse": the group, one row per measure: base, then per scenario its value, the gap
//    (live formula scenario − base) and the gap in % (formula), and the price / volume / mix
//    split of the revenue gap with its total (formula);
//  - "Par <niveau>": one row per node of the level (group first): base and, per scenario, CA TTC,
//    gap, gap %, margin, gap, margin rate, attainment (gaps as formulas);
//  - "Données": every measure of every node and scenario in long format, pivot-ready.
import type ExcelJS from 'exceljs';
import {
  WHATIF_MEASURES,
  type ComparisonRow,
  type Scenario,
  type WhatIfLevel,
  type WhatIfMeasure,
  type WhatIfResult,
} from '../../../../src-shared/domain/scenario';
import { AppError } from '../../../../src-shared/errors';
import {
  checkScenario,
  compareOnBaseline,
  loadScenarioBaseline,
  whatIfOnBaseline,
} from '../../whatif';
import { KPI_LABELS, LEVEL_LABELS, REPORT_TITLES, type ValueKind } from '../labels';
import {
  colLetter,
  finishSheet,
  fitColumns,
  highlightColumns,
  writeHeader,
  writeRow,
  writeTitle,
  type CellInput,
  type ColumnSpec,
  type HeaderBand,
} from '../sheet';
import { addParameters, newWorkbook, type BuiltReport, type ReportContext } from './context';
import { ratioFormula } from './kpi-columns';

export const WHATIF_SHEETS = { summary: 'Synthèse', data: 'Données' };
const HEADER_ROW = 5; // title, subtitle, empty, scenario band, measure header

export function levelSheetName(level: WhatIfLevel): string {
  return `Par ${LEVEL_LABELS[level].toLowerCase()}`;
}

/** Units and tickets of a scenario are fractional (0.01): shown with decimals. */
function kindOf(m: WhatIfMeasure): ValueKind {
  return m === 'unites' || m === 'tickets' ? 'qty' : KPI_LABELS[m].kind;
}

export interface WhatIfData {
  scenarios: Scenario[];
  group: ComparisonRow;
  rows: ComparisonRow[];
  level: WhatIfLevel;
}

function asComparison(r: WhatIfResult['rows'][number], name: string): ComparisonRow {
  return {
    level: r.level,
    id: r.id,
    code: r.code,
    nom: r.nom,
    base: r.base,
    scenarios: [{ name, scen: r.scen, delta: r.delta, delta_pct: r.delta_pct, pvm: r.pvm }],
  };
}

/** The engine's figures: validated scenarios on one baseline, at the group and at the level. */
export function computeWhatIf(ctx: ReportContext): WhatIfData {
  const { db, req } = ctx;
  const scenarios = req.scenarios.map((s, i) => {
    try {
      return checkScenario(db, s.json);
    } catch (e) {
      if (e instanceof AppError) {
        const where = s.source ?? `scenario ${i + 1}`;
        throw new AppError(e.code, `${where}: ${e.message}`, e.details);
      }
      throw e;
    }
  });
  const first = scenarios[0]!.baseline;
  for (const s of scenarios) {
    if (s.baseline.from !== first.from || s.baseline.to !== first.to) {
      throw new AppError(
        'VALIDATION',
        `compared scenarios must share their baseline: "${s.name}" has ${s.baseline.from}..${s.baseline.to}, "${scenarios[0]!.name}" ${first.from}..${first.to}`,
      );
    }
  }
  if (req.range && (req.range.from !== first.from || req.range.to !== first.to)) {
    throw new AppError(
      'VALIDATION',
      `the period ${req.range.from}..${req.range.to} is not the scenarios' baseline ${first.from}..${first.to}`,
    );
  }
  const ix = loadScenarioBaseline(db, first);
  const at = (level: WhatIfLevel): ComparisonRow[] =>
    scenarios.length === 1
      ? whatIfOnBaseline(ix, scenarios[0]!, level).rows.map((r) =>
          asComparison(r, scenarios[0]!.name),
        )
      : compareOnBaseline(ix, scenarios, level).rows;
  const level = req.whatifLevel;
  return { scenarios, group: at('group')[0]!, rows: level === 'group' ? [] : at(level), level };
}

function gap(scen: string, base: string, result: number | null): CellInput {
  return { formula: `IF(OR(${scen}="",${base}=""),"",${scen}-${base})`, result: result ?? '' };
}

/**
 * The gap between two rates in percentage points (kind 'pts'): the same gap × 100, rounded to the
 * tenth it is shown with. Unrounded, a gap of −0.03 pt would pick the negative section of the
 * format and read "-0,0 pt"; the screen (formatPoints) shows "0,0 pt". The rates themselves stay
 * exact in their cells.
 */
function pointsGap(scen: string, base: string, result: number | null): CellInput {
  return {
    formula: `IF(OR(${scen}="",${base}=""),"",ROUND((${scen}-${base})*100,1))`,
    result: result === null ? '' : roundToTenth(result * 100),
  };
}

/** Rounds half away from zero, as Excel's ROUND does, and never returns −0. */
function roundToTenth(x: number): number {
  const r = (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10;
  return r === 0 ? 0 : r;
}

function summarySheet(wb: ExcelJS.Workbook, ctx: ReportContext, d: WhatIfData): number {
  const ws = wb.addWorksheet(WHATIF_SHEETS.summary, {
    properties: { tabColor: { argb: 'FF1F3864' } },
  });
  const columns: ColumnSpec[] = [
    { key: 'indicateur', header: 'Indicateur', kind: 'text', width: 26 },
    { key: 'base', header: 'Base', kind: 'money' },
  ];
  const bands: HeaderBand[] = [{ from: 2, to: 2, label: 'Base' }];
  d.scenarios.forEach((s, k) => {
    const c = 3 + 3 * k;
    columns.push(
      { key: `s${k}`, header: 'Scénario', kind: 'money' },
      { key: `d${k}`, header: 'Écart', kind: 'money' },
      {
        key: `p${k}`,
        header: 'Écart %',
        kind: 'pct',
        highlight: 'growth',
        // A cost that falls is good news.
        inverseIf: (row) => `$A${row}="${KPI_LABELS.cout.label}"`,
      },
    );
    bands.push({ from: c, to: c + 2, label: s.name });
  });
  writeTitle(ws, `${REPORT_TITLES.whatif} — groupe`, ctx.subtitle);
  writeHeader(ws, HEADER_ROW - 1, columns, bands);
  const cells: Record<string, CellInput>[] = [];
  let r = HEADER_ROW + 1;
  /** One row: a measure of DOMAIN.md §3 (with gaps) or a price/volume/mix effect (without). */
  const put = (
    label: string,
    kind: ValueKind,
    base: number | null,
    scen: (k: number) => number | null,
    m: WhatIfMeasure | null,
  ) => {
    const row: Record<string, CellInput> = { indicateur: label, base };
    d.scenarios.forEach((_, k) => {
      const sc = colLetter(3 + 3 * k);
      row[`s${k}`] = scen(k);
      if (m !== null) {
        const g = d.group.scenarios[k]!;
        // The gap of a rate is in points; its gap in % would read as the gap and mislead.
        row[`d${k}`] = (kind === 'pct' ? pointsGap : gap)(`${sc}${r}`, `B${r}`, g.delta[m]);
        row[`p${k}`] =
          kind === 'pct' ? null : ratioFormula(`${sc}${r}`, `B${r}`, true, g.delta_pct[m]);
      }
    });
    // Each row has its own kind (euros, %, units): the gap in % column stays a percentage.
    const per = columns.map((c) =>
      c.key === 'indicateur' || c.key.startsWith('p')
        ? c
        : { ...c, kind: c.key.startsWith('d') && kind === 'pct' ? ('pts' as const) : kind },
    );
    writeRow(ws, r, per, row);
    cells.push(row);
    r++;
  };
  for (const m of WHATIF_MEASURES) {
    put(KPI_LABELS[m].label, kindOf(m), d.group.base[m], (k) => d.group.scenarios[k]!.scen[m], m);
  }
  // Price / volume / mix: the split of each scenario's revenue gap, and its total (= the gap).
  r++;
  const pvmTitle = ws.getCell(r, 1);
  pvmTitle.value = "Décomposition de l'écart de CA TTC";
  pvmTitle.font = { name: 'Arial', size: 10, bold: true };
  r++;
  const first = r;
  for (const [key, label] of [
    ['prix', 'Effet prix'],
    ['volume', 'Effet volume'],
    ['mix', 'Effet mix'],
  ] as const) {
    put(label, 'money', null, (k) => d.group.scenarios[k]!.pvm[key], null);
  }
  const total: Record<string, CellInput> = { indicateur: 'Total (= écart de CA TTC)' };
  d.scenarios.forEach((_, k) => {
    const c = colLetter(3 + 3 * k);
    const p = d.group.scenarios[k]!.pvm;
    total[`s${k}`] = {
      formula: `SUM(${c}${first}:${c}${r - 1})`,
      result: Math.round((p.prix + p.volume + p.mix) * 100) / 100,
    };
  });
  writeRow(
    ws,
    r,
    columns.map((c) => ({ ...c, kind: c.key === 'indicateur' ? 'text' : 'money' })),
    total,
    { emphasis: 'total' },
  );
  cells.push(total);
  fitColumns(ws, columns, cells);
  highlightColumns(ws, columns, HEADER_ROW + 1, HEADER_ROW + WHATIF_MEASURES.length);
  finishSheet(ws, {
    headerRow: HEADER_ROW,
    firstHeaderRow: HEADER_ROW - 1,
    lastRow: r,
    columns: columns.length,
    frozenColumns: 1,
    autoFilter: false,
    footer: REPORT_TITLES.whatif,
  });
  return cells.length;
}

const NODE_MEASURES = ['ca_ttc', 'marge', 'taux_marge', 'atteinte'] as const;

function levelSheet(wb: ExcelJS.Workbook, ctx: ReportContext, d: WhatIfData): number {
  const ws = wb.addWorksheet(levelSheetName(d.level), {
    properties: { tabColor: { argb: 'FF2F5597' } },
  });
  const columns: ColumnSpec[] = [
    { key: 'code', header: 'Code / n°', kind: 'text' },
    { key: 'nom', header: LEVEL_LABELS[d.level], kind: 'text' },
    // Whole euros here: up to 4 scenarios side by side must stay legible on one page.
    ...NODE_MEASURES.map((m) => ({
      key: `b_${m}`,
      header: KPI_LABELS[m].label,
      kind: KPI_LABELS[m].kind === 'money' ? ('euro' as const) : KPI_LABELS[m].kind,
    })),
  ];
  const bands: HeaderBand[] = [{ from: 3, to: 2 + NODE_MEASURES.length, label: 'Base' }];
  d.scenarios.forEach((s, k) => {
    const from = columns.length + 1;
    columns.push(
      { key: `s${k}_ca_ttc`, header: 'CA TTC', kind: 'euro' },
      { key: `s${k}_d_ca`, header: 'Écart CA TTC', kind: 'euro' },
      { key: `s${k}_p_ca`, header: 'Écart CA %', kind: 'pct', highlight: 'growth' },
      { key: `s${k}_marge`, header: 'Marge', kind: 'euro' },
      { key: `s${k}_d_marge`, header: 'Écart marge', kind: 'euro' },
      { key: `s${k}_taux_marge`, header: 'Taux de marge', kind: 'pct' },
      { key: `s${k}_atteinte`, header: 'Atteinte', kind: 'pct', highlight: 'attainment' },
    );
    bands.push({ from, to: columns.length, label: s.name });
  });
  writeTitle(
    ws,
    `${REPORT_TITLES.whatif} — ${levelSheetName(d.level).toLowerCase()}`,
    ctx.subtitle,
  );
  writeHeader(ws, HEADER_ROW - 1, columns, bands);
  const col = (key: string) => colLetter(columns.findIndex((c) => c.key === key) + 1);
  const cells = [d.group, ...d.rows].map((node, i) => {
    const r = HEADER_ROW + 1 + i;
    const row: Record<string, CellInput> = {
      code: node.code ?? (node.id === null ? '' : String(node.id)),
      nom: node.nom,
    };
    for (const m of NODE_MEASURES) row[`b_${m}`] = node.base[m];
    node.scenarios.forEach((s, k) => {
      row[`s${k}_ca_ttc`] = s.scen.ca_ttc;
      row[`s${k}_d_ca`] = gap(
        `${col(`s${k}_ca_ttc`)}${r}`,
        `${col('b_ca_ttc')}${r}`,
        s.delta.ca_ttc,
      );
      row[`s${k}_p_ca`] = ratioFormula(
        `${col(`s${k}_ca_ttc`)}${r}`,
        `${col('b_ca_ttc')}${r}`,
        true,
        s.delta_pct.ca_ttc,
      );
      row[`s${k}_marge`] = s.scen.marge;
      row[`s${k}_d_marge`] = gap(
        `${col(`s${k}_marge`)}${r}`,
        `${col('b_marge')}${r}`,
        s.delta.marge,
      );
      row[`s${k}_taux_marge`] = s.scen.taux_marge;
      row[`s${k}_atteinte`] = s.scen.atteinte;
    });
    writeRow(ws, r, columns, row, { emphasis: i === 0 ? 'group' : undefined });
    return row;
  });
  const lastRow = HEADER_ROW + cells.length;
  fitColumns(ws, columns, cells);
  highlightColumns(ws, columns, HEADER_ROW + 1, lastRow);
  finishSheet(ws, {
    headerRow: HEADER_ROW,
    firstHeaderRow: HEADER_ROW - 1,
    lastRow,
    columns: columns.length,
    frozenColumns: 2,
    footer: REPORT_TITLES.whatif,
  });
  return cells.length;
}

function dataSheet(wb: ExcelJS.Workbook, ctx: ReportContext, d: WhatIfData): number {
  const ws = wb.addWorksheet(WHATIF_SHEETS.data, {
    properties: { tabColor: { argb: 'FF808080' } },
  });
  const columns: ColumnSpec[] = [
    { key: 'niveau', header: 'Niveau', kind: 'text' },
    { key: 'code', header: 'Code / n°', kind: 'text' },
    { key: 'nom', header: 'Nom', kind: 'text' },
    { key: 'scenario', header: 'Scénario', kind: 'text' },
    { key: 'indicateur', header: 'Indicateur', kind: 'text' },
    { key: 'base', header: 'Base', kind: 'dec' },
    { key: 'scen', header: 'Scénario (valeur)', kind: 'dec' },
    { key: 'delta', header: 'Écart', kind: 'dec' },
    {
      key: 'delta_pct',
      header: 'Écart %',
      kind: 'pct',
      highlight: 'growth',
      inverseIf: (row) => `$E${row}="${KPI_LABELS.cout.label}"`,
    },
  ];
  const title = `${REPORT_TITLES.whatif} — données`;
  writeTitle(ws, title, ctx.subtitle);
  const headerRow = HEADER_ROW - 1;
  writeHeader(ws, headerRow, columns);
  const cells: Record<string, CellInput>[] = [];
  let r = headerRow + 1;
  for (const node of [d.group, ...d.rows]) {
    for (const s of node.scenarios) {
      for (const m of WHATIF_MEASURES) {
        const row: Record<string, CellInput> = {
          niveau: LEVEL_LABELS[node.level],
          code: node.code ?? (node.id === null ? '' : String(node.id)),
          nom: node.nom,
          scenario: s.name,
          indicateur: KPI_LABELS[m].label,
          base: node.base[m],
          scen: s.scen[m],
          delta: s.delta[m],
          delta_pct: s.delta_pct[m],
        };
        const kind = kindOf(m);
        writeRow(
          ws,
          r++,
          columns.map((c) => (['base', 'scen', 'delta'].includes(c.key) ? { ...c, kind } : c)),
          row,
        );
        cells.push(row);
      }
    }
  }
  fitColumns(ws, columns, cells);
  highlightColumns(ws, columns, headerRow + 1, r - 1);
  finishSheet(ws, {
    headerRow,
    lastRow: r - 1,
    columns: columns.length,
    frozenColumns: 3,
    footer: title,
  });
  return cells.length;
}

export function buildWhatIf(ctx: ReportContext, data?: WhatIfData): BuiltReport {
  const d = data ?? computeWhatIf(ctx);
  const wb = newWorkbook(ctx);
  let rows = summarySheet(wb, ctx, d);
  if (d.level !== 'group') rows += levelSheet(wb, ctx, d);
  rows += dataSheet(wb, ctx, d);
  addParameters(wb, ctx);
  return { workbook: wb, rows };
}
