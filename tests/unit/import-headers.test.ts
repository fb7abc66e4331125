import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { headerLookup, matchHeader, normalizeHeader } from '../../src-main/core/import/headers';
import { KIND_SPECS } from '../../src-main/core/import/kinds';
import { sniffFile } from '../../src-main/core/import/sniff';
import { readCsvRows } from '../../src-main/core/import/csv-source';
import { IMPORT_KINDS } from '../../src-main/core/import/types';

describe('header names', () => {
  it('compare without case, accents and punctuation', () => {
    expect(normalizeHeader('Prix de vente TTC (€)')).toBe('prix_de_vente_ttc');
    expect(normalizeHeader('  QUANTITÉ ')).toBe('quantite');
    expect(normalizeHeader('N° ticket')).toBe('n_ticket');
    expect(normalizeHeader('Date d’ouverture')).toBe('date_d_ouverture');
    expect(normalizeHeader("Date d'ouverture")).toBe('date_d_ouverture');
    expect(normalizeHeader('\ufeffsku')).toBe('sku');
    expect(normalizeHeader('Élasticité-prix')).toBe('elasticite_prix');
  });
  it.each(IMPORT_KINDS)('never give one alias to two columns of %s', (kind) => {
    expect(() => headerLookup(KIND_SPECS[kind])).not.toThrow();
  });
  it('binds aliases to columns and keeps their file positions', () => {
    const m = matchHeader(KIND_SPECS.products, 1, [
      'Référence',
      'Famille',
      'Prix d’achat HT',
      'Prix de vente TTC',
      '',
      '',
    ]);
    expect(m.errors).toEqual([]);
    expect(m.width).toBe(4);
    expect(m.bindings.map((b) => [b.column.name, b.index, b.header])).toEqual([
      ['sku', 0, 'Référence'],
      ['categorie', 1, 'Famille'],
      ['prix_achat', 2, 'Prix d’achat HT'],
      ['prix_vente', 3, 'Prix de vente TTC'],
    ]);
  });
  it('reports unknown, doubled, unnamed and missing columns', () => {
    const m = matchHeader(KIND_SPECS.products, 1, ['sku', 'couleur', '', 'SKU', 'prix_vente']);
    expect(m.errors.map((e) => [e.code, e.column, e.value])).toEqual([
      ['UNKNOWN_COLUMN', 'couleur', 'couleur'],
      ['UNKNOWN_COLUMN', '', ''],
      ['DUPLICATE_COLUMN', 'SKU', 'SKU'],
      ['MISSING_COLUMN', 'categorie', null],
      ['MISSING_COLUMN', 'prix_achat', null],
    ]);
    expect(m.errors[0]!.message).toContain(
      'colonnes attendues : sku, categorie, prix_achat, prix_vente, libelle',
    );
    expect(m.errors[1]!.message).toBe('colonne sans nom en position 3');
    expect(m.errors[3]!.message).toContain('noms acceptés : categorie, code catégorie');
  });
  it('ignores the "erreurs" column a rejects file adds', () => {
    const m = matchHeader(KIND_SPECS.regions, 1, ['code', 'nom', 'Erreurs']);
    expect(m.errors).toEqual([]);
  });
});

describe('encodings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'epm-import-'));
  const text = 'code;nom\r\nIDF;Île-de-France – Œuvre €\r\n';
  const variants: [string, Buffer, string][] = [
    ['utf-8', Buffer.from(text, 'utf8'), 'utf-8'],
    [
      'utf-8-bom',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      'utf-8-bom',
    ],
    [
      'windows-1252',
      Buffer.from(
        [...text].map((c) => ({ Î: 0xce, '–': 0x96, Œ: 0x8c, '€': 0x80 })[c] ?? c.charCodeAt(0)),
      ),
      'windows-1252',
    ],
    [
      'utf-16le',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'utf-16le',
    ],
  ];
  it.each(variants)('detects %s and decodes it to the same rows', async (name, bytes, encoding) => {
    const f = join(dir, `${name}.csv`);
    writeFileSync(f, bytes);
    const sniff = await sniffFile(f);
    expect(sniff.format).toBe('csv');
    expect(sniff.encoding).toBe(encoding);
    const rows = [];
    for await (const b of readCsvRows(f, { encoding: sniff.encoding! })) rows.push(...b);
    expect(rows).toEqual([
      { row: 1, cells: ['code', 'nom'] },
      { row: 2, cells: ['IDF', 'Île-de-France – Œuvre €'] },
    ]);
  });
  it('finds Windows-1252 bytes far into an otherwise UTF-8-valid file', async () => {
    const f = join(dir, 'late.csv');
    const head = Buffer.from('code;nom\n' + 'R1;abc\n'.repeat(400_000));
    writeFileSync(f, Buffer.concat([head, Buffer.from([0x52, 0x32, 0x3b, 0xe9, 0x0a])]));
    expect((await sniffFile(f)).encoding).toBe('windows-1252');
  });
  it('accepts a UTF-8 character split across read chunks', async () => {
    const f = join(dir, 'split.csv');
    // 1 MiB chunks: put a 3-byte character across the first boundary.
    const pad = 'x'.repeat((1 << 20) - 1);
    writeFileSync(f, `code;nom\n${pad.slice(9)}€;y\n`);
    expect((await sniffFile(f)).encoding).toBe('utf-8');
  });
  it('recognises XLSX, legacy XLS and binary files by their first bytes', async () => {
    const xls = join(dir, 'old.xls');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(await sniffFile(xls)).toMatchObject({
      format: 'unsupported',
      reason: expect.stringContaining('.xls'),
    });
    const bin = join(dir, 'x.csv');
    writeFileSync(bin, Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2]));
    expect(await sniffFile(bin)).toMatchObject({ format: 'unsupported' });
    const zip = join(dir, 'x.xlsx');
    writeFileSync(zip, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
    expect((await sniffFile(zip)).format).toBe('xlsx');
  });
});

describe('docs/import.md', () => {
  const doc = readFileSync(new URL('../../docs/import.md', import.meta.url), 'utf8');
  it.each(IMPORT_KINDS)('lists every column and alias of %s', (kind) => {
    for (const c of KIND_SPECS[kind].columns) {
      const row = doc
        .split('\n')
        .find((l) => l.startsWith(`| \`${c.name}\` |`) && c.aliases.every((a) => l.includes(a)));
      expect(row, `${kind}.${c.name}`).toBeDefined();
    }
  });
});
