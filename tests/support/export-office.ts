// LibreOffice (headless) for the export tests and the renderings: recalculating a workbook's
// formulas (xlsx → xlsx, or → csv) and rendering it (xlsx → pdf, then pdftoppm → png).
// Each call uses its own LibreOffice profile folder, so parallel runs (or a desktop LibreOffice)
// never share a lock. Install: apt-get install libreoffice-calc-nogui poppler-utils.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const CANDIDATES = [
  '/usr/bin/soffice',
  '/usr/bin/libreoffice',
  '/usr/lib/libreoffice/program/soffice',
];

/** The LibreOffice binary, or undefined when it is not installed. */
export function sofficePath(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

/**
 * Whether the LibreOffice tests may be skipped: only when EPM_SKIP_LIBREOFFICE=1. Otherwise a
 * missing LibreOffice fails the tests loudly (a silent skip would hide that formulas were never
 * checked).
 */
export function libreOfficeSkipped(): boolean {
  return process.env.EPM_SKIP_LIBREOFFICE === '1';
}

export function requireSoffice(): string {
  const p = sofficePath();
  if (!p) {
    throw new Error(
      'LibreOffice is not installed (no /usr/bin/soffice): apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils — or set EPM_SKIP_LIBREOFFICE=1 to skip the recalculation tests knowingly',
    );
  }
  return p;
}

/**
 * Converts `file` with LibreOffice into `outDir` (`filter` e.g. "xlsx", "pdf", "csv:Text - txt -
 * csv (StarCalc):59,34,76,1"). Loading recalculates formulas without a cached value; `env`
 * LC_ALL decides the locale used to render numbers (fr_FR: "1 234,56 €").
 */
export async function convertWithOffice(
  file: string,
  filter: string,
  outDir: string,
  locale = 'fr_FR.UTF-8',
): Promise<string> {
  const soffice = requireSoffice();
  const profile = mkdtempSync(join(tmpdir(), 'epm-lo-profile-'));
  try {
    await run(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        filter,
        '--outdir',
        outDir,
        file,
      ],
      { timeout: 180_000, env: { ...process.env, LC_ALL: locale, LANG: locale } },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const ext = filter.split(':')[0]!;
  const out = join(outDir, `${basename(file, extname(file))}.${ext}`);
  if (!existsSync(out)) throw new Error(`LibreOffice did not produce ${out}`);
  return out;
}

/** Renders `pages` pages of a PDF from page `first` to PNG files (pdftoppm); returns them. */
export async function pdfToPng(
  pdf: string,
  prefix: string,
  dpi = 110,
  pages = 1,
  first = 1,
): Promise<string[]> {
  const last = first + pages - 1;
  await run(
    'pdftoppm',
    ['-png', '-r', String(dpi), '-f', String(first), '-l', String(last), pdf, prefix],
    {
      timeout: 120_000,
    },
  );
  const dir = join(prefix, '..');
  const base = basename(prefix);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f));
}
