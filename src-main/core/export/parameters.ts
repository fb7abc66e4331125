// The "Paramètres" sheet every workbook carries, and the workbook properties: what was exported
// (report, period, N-1 mode, scope, scenarios), from which data (cache checkpoint and last sync),
// when, by whom and with which version, plus a glossary of the measures. A figure pasted into a
// slide can always be traced back to the question it answered.
import type ExcelJS from 'exceljs';
import { userInfo } from 'node:os';
import type { DateRange, N1Mode, ScopeFilter } from '../../../src-shared/domain/analytics';
import { APP_NAME, APP_VERSION } from '../app-info';
import type { CacheDb } from '../cache/database';
import { loadHierarchy } from '../analytics/hierarchy';
import { KPI_LABELS, LFL_LABELS, N1_LABELS, NUM_FMT, type MeasureLabel } from './labels';
import { COLOURS, baseFont, excelDay, frenchDate, setPrint, solid } from './sheet';
import type { ExportEnvironment, ReportKind } from './types';

export const PARAMETERS_SHEET = 'Paramètres';

export interface CacheInfo {
  checkpoint: string | null;
  lastSyncAt: string | null;
  lastSyncMode: string | null;
  regions: number;
  stores: number;
}

export function cacheInfo(db: CacheDb): CacheInfo {
  const state = new Map(
    (db.prepare('SELECT key, value FROM sync_state').all() as { key: string; value: string }[]).map(
      (r) => [r.key, r.value],
    ),
  );
  const count = (t: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return {
    checkpoint: state.get('checkpoint') ?? null,
    lastSyncAt: state.get('last_sync_at') ?? null,
    lastSyncMode: state.get('last_sync_mode') ?? null,
    regions: count('regions'),
    stores: count('magasins'),
  };
}

/** The scope of a filter in words, with the names the cache knows. */
export function scopeLabel(db: CacheDb, f: ScopeFilter): string {
  const h = loadHierarchy(db);
  const parts: string[] = [];
  if (f.region !== undefined) {
    const r = h.regions.find((x) => x.code === f.region);
    parts.push(`Région ${f.region}${r ? ` (${r.nom})` : ''}`);
  }
  if (f.store !== undefined) {
    const s = h.stores.find((x) => x.id === f.store);
    parts.push(`Magasin ${f.store}${s ? ` (${s.nom})` : ''}`);
  }
  if (f.category !== undefined) {
    const c = h.categories.find((x) => x.code === f.category);
    parts.push(`Catégorie ${f.category}${c ? ` (${c.nom})` : ''}`);
  }
  if (f.product !== undefined) parts.push(`Produit ${f.product}`);
  return parts.length === 0 ? 'Groupe entier (tout le périmètre du cache)' : parts.join(' · ');
}

/** Paris wall-clock time of an instant, French style (the app's business time zone). */
export function parisTime(d: Date): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    dateStyle: 'short',
    timeStyle: 'medium',
  }).format(d);
}

export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    // userInfo throws when the uid has no passwd entry (some containers).
    return process.env.USER ?? process.env.USERNAME ?? 'inconnu';
  }
}

export interface ReportParameters {
  report: ReportKind;
  title: string;
  range?: DateRange;
  n1?: { mode: N1Mode; range: DateRange };
  /** Levels listed, in words ("Groupe → régions → magasins"). */
  level?: string;
  filter: ScopeFilter;
  /** Report-specific lines (ranking measure, ABC thresholds, scenarios…). */
  extra?: [string, string][];
  env: ExportEnvironment;
  cache: CacheInfo;
  generatedAt: Date;
  /** Measures whose definitions the glossary lists (default: all of DOMAIN.md §3). */
  glossary?: MeasureLabel[];
}

/** The context line under each sheet's title. */
export function subtitle(p: ReportParameters, scope: string): string {
  const parts: string[] = [];
  if (p.range) parts.push(`Du ${frenchDate(p.range.from)} au ${frenchDate(p.range.to)}`);
  if (p.n1) parts.push(`N-1 du ${frenchDate(p.n1.range.from)} au ${frenchDate(p.n1.range.to)}`);
  parts.push(scope);
  if (p.cache.lastSyncAt) parts.push(`données du ${parisTime(new Date(p.cache.lastSyncAt))}`);
  return parts.join(' · ');
}

type ParamValue = string | { day: string };

function parameterLines(p: ReportParameters, scope: string): [string, ParamValue][] {
  const lines: [string, ParamValue][] = [
    ['Rapport', p.title],
    ['Type de rapport', p.report],
  ];
  if (p.range) {
    lines.push(['Période du', { day: p.range.from }], ['Période au', { day: p.range.to }]);
  }
  if (p.n1) {
    lines.push(
      ['Mode N-1', N1_LABELS[p.n1.mode]],
      ['Période N-1 du', { day: p.n1.range.from }],
      ['Période N-1 au', { day: p.n1.range.to }],
    );
  }
  if (p.level) lines.push(['Niveaux', p.level]);
  lines.push(['Périmètre (filtres)', scope]);
  lines.push(...(p.extra ?? []));
  lines.push(
    [
      'Périmètre du cache',
      `${p.cache.regions} région(s), ${p.cache.stores} magasin(s) visibles pour l'utilisateur lors de la synchronisation`,
    ],
    ['Rôle', p.env.role ?? 'non renseigné (le cache ne conserve pas le rôle)'],
    ['Point de synchronisation', p.cache.checkpoint ?? 'aucun'],
    [
      'Dernière synchronisation',
      p.cache.lastSyncAt
        ? `${parisTime(new Date(p.cache.lastSyncAt))} (heure de Paris, ${p.cache.lastSyncMode === 'initial' ? 'chargement initial' : 'incrémentale'})`
        : 'jamais',
    ],
    ['Fichier cache', p.env.cachePath],
    ['Généré le', `${parisTime(p.generatedAt)} (heure de Paris)`],
    ['Généré par', p.env.user ?? osUser()],
    ['Application', `${APP_NAME} ${APP_VERSION}`],
    [
      'Conventions',
      'Montants en euros (TTC / HT), arrondis au centime ; ratios recalculés à partir des sommes, jamais moyennés ; cellule vide = ratio non défini (dénominateur nul).',
    ],
  );
  return lines;
}

/** Writes the sheet; works on a regular and on a streaming worksheet (rows committed). */
export function writeParametersSheet(
  ws: ExcelJS.Worksheet,
  p: ReportParameters,
  scope: string,
): void {
  ws.getColumn(1).width = 28;
  ws.getColumn(2).width = 100;
  let r = 1;
  const put = (label: string, value: ParamValue | null, style: 'title' | 'section' | 'line') => {
    const row = ws.getRow(r++);
    const a = row.getCell(1);
    a.value = label;
    const b = row.getCell(2);
    if (style === 'title') {
      a.font = baseFont({ size: 14, bold: true, color: { argb: COLOURS.title } });
    } else if (style === 'section') {
      a.font = baseFont({ bold: true, color: { argb: COLOURS.headerText } });
      b.font = baseFont({ bold: true, color: { argb: COLOURS.headerText } });
      a.fill = solid(COLOURS.header);
      b.fill = solid(COLOURS.header);
    } else {
      a.font = baseFont({ bold: true });
      a.alignment = { vertical: 'top' };
      b.font = baseFont();
      b.alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
    }
    if (value !== null) {
      if (typeof value === 'string') b.value = value;
      else {
        b.value = excelDay(value.day);
        b.numFmt = NUM_FMT.date!;
      }
    }
    row.commit();
  };
  put(`${p.title} — paramètres`, null, 'title');
  r++;
  put('Paramètre', 'Valeur', 'section');
  for (const [label, value] of parameterLines(p, scope)) put(label, value, 'line');
  r++;
  put('Indicateur', 'Définition (DOMAIN.md §3)', 'section');
  const glossary = p.glossary ?? [...Object.values(KPI_LABELS), ...Object.values(LFL_LABELS)];
  for (const m of glossary) put(m.label, m.help, 'line');
  setPrint(ws, `${APP_NAME} — ${p.title}`, { orientation: 'portrait' });
}

/** Workbook properties (File > Properties) shared by both writers. */
export interface WorkbookPropertiesTarget {
  creator: string;
  lastModifiedBy: string;
  created: Date;
  modified: Date;
  title: string;
  subject: string;
  company: string;
  keywords: string;
  category: string;
  description: string;
}

export function setWorkbookProperties(
  wb: Partial<WorkbookPropertiesTarget>,
  p: ReportParameters,
  scope: string,
): void {
  const user = p.env.user ?? osUser();
  wb.creator = user;
  wb.lastModifiedBy = user;
  wb.created = p.generatedAt;
  wb.modified = p.generatedAt;
  wb.title = p.title;
  wb.subject = subtitle(p, scope);
  wb.company = p.env.company ?? APP_NAME;
  wb.keywords = `${APP_NAME}; ${p.report}; export`;
  wb.category = 'Rapport de performance';
  wb.description = `Exporté par ${APP_NAME} ${APP_VERSION}; point de synchronisation ${p.cache.checkpoint ?? 'aucun'}`;
}
