// Fuzzing helpers shared by the boundary tests: arbitraries derived from a zod schema (so every
// channel of the IPC contract gets "almost valid" payloads without a hand-written sample per
// channel, and new channels are covered automatically), mutations of those payloads, and
// file-system snapshots to prove a run wrote nothing.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';

/** Strings a boundary meets in practice: dates, numbers, codes, paths, injections, junk. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    '2024-01-01',
    '2024-02-29',
    '2023-02-29',
    '9999-12-31',
    '0000-00-00',
    'R01',
    'C01',
    '1',
    '-1',
    'NaN',
    '__proto__',
    'constructor',
    "'; DROP TABLE ventes; --",
    '../../etc/passwd',
    'postgres://x@127.0.0.1:1/x',
    'a'.repeat(5000),
  ),
  fc
    .tuple(
      fc.integer({ min: 1990, max: 2040 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);

const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -5, max: 50 }),
  fc.double(),
  fc.constantFrom(0, -0, 1, 2, 1e9, -1e9, Number.MAX_SAFE_INTEGER, NaN, Infinity, 0.5),
);

/* eslint-disable @typescript-eslint/no-explicit-any -- walking zod 3 internals (_def) */
interface Check {
  kind: string;
  value?: number;
  regex?: RegExp;
  inclusive?: boolean;
}

/** A string meeting the schema's own checks (regex, length): gets past the gate to the handler. */
function conformingString(checks: Check[]): fc.Arbitrary<string> {
  const regex = checks.find((c) => c.kind === 'regex')?.regex;
  const min = checks.find((c) => c.kind === 'min')?.value ?? 0;
  const max = Math.min(checks.find((c) => c.kind === 'max')?.value ?? 40, 40);
  const base = regex ? fc.stringMatching(regex) : fc.string({ minLength: min, maxLength: max });
  return base.filter((s) => s.length >= min && s.length <= Math.max(max, min));
}

function conformingNumber(checks: Check[]): fc.Arbitrary<number> {
  const min = checks.find((c) => c.kind === 'min');
  const max = checks.find((c) => c.kind === 'max');
  const lo = min ? (min.value as number) + (min.inclusive === false ? 1 : 0) : -1000;
  const hi = max ? (max.value as number) - (max.inclusive === false ? 1 : 0) : 1000;
  return checks.some((c) => c.kind === 'int')
    ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })
    : fc.double({ min: lo, max: hi, noNaN: true });
}

/**
 * An arbitrary producing values shaped like `schema` (zod 3), with nasty leaves. Unknown node
 * kinds fall back to anything(): the point is coverage, not validity.
 */
export function shapedBy(schema: z.ZodTypeAny, depth = 0): fc.Arbitrary<unknown> {
  const def = (schema as any)._def;
  if (depth > 6) return fc.anything();
  switch (def.typeName as string) {
    case 'ZodString':
      return fc.oneof(nastyString, conformingString(def.checks ?? []));
    case 'ZodNumber':
      return fc.oneof(nastyNumber, conformingNumber(def.checks ?? []));
    case 'ZodBigInt':
      return fc.bigInt();
    case 'ZodBoolean':
      return fc.boolean();
    case 'ZodDate':
      return fc.date();
    case 'ZodUndefined':
    case 'ZodVoid':
      return fc.constant(undefined);
    case 'ZodNull':
      return fc.constant(null);
    case 'ZodLiteral':
      return fc.constant(def.value);
    case 'ZodEnum':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'ZodNativeEnum':
      return fc.constantFrom(...Object.values(def.values as object));
    case 'ZodOptional':
      return fc.option(shapedBy(def.innerType, depth + 1), { nil: undefined });
    case 'ZodNullable':
      return fc.option(shapedBy(def.innerType, depth + 1), { nil: null });
    case 'ZodDefault':
    case 'ZodCatch':
      return fc.option(shapedBy(def.innerType, depth + 1), { nil: undefined });
    case 'ZodEffects':
      return shapedBy(def.schema, depth + 1);
    case 'ZodPipeline':
      return shapedBy(def.in, depth + 1);
    case 'ZodLazy':
      return shapedBy(def.getter(), depth + 1);
    case 'ZodBranded':
    case 'ZodReadonly':
      return shapedBy(def.type ?? def.innerType, depth + 1);
    case 'ZodArray':
      return fc.array(shapedBy(def.type, depth + 1), { maxLength: 6 });
    case 'ZodTuple':
      return fc.tuple(...(def.items as z.ZodTypeAny[]).map((s) => shapedBy(s, depth + 1)));
    case 'ZodSet':
      return fc.array(shapedBy(def.valueType, depth + 1), { maxLength: 4 }).map((a) => new Set(a));
    case 'ZodRecord':
      return fc.dictionary(nastyString, shapedBy(def.valueType, depth + 1), { maxKeys: 4 });
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion': {
      const options = (
        Array.isArray(def.options) ? def.options : [...def.options.values()]
      ) as z.ZodTypeAny[];
      return fc.oneof(...options.map((o) => shapedBy(o, depth + 1)));
    }
    case 'ZodIntersection':
      return fc
        .tuple(shapedBy(def.left, depth + 1), shapedBy(def.right, depth + 1))
        .map(([a, b]) =>
          a && b && typeof a === 'object' && typeof b === 'object' ? { ...a, ...b } : a,
        );
    case 'ZodObject': {
      const shape = def.shape() as Record<string, z.ZodTypeAny>;
      const entries = Object.entries(shape);
      return fc.record(Object.fromEntries(entries.map(([k, s]) => [k, shapedBy(s, depth + 1)])), {
        requiredKeys: [],
      });
    }
    default:
      return fc.anything();
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** A valid-shaped value broken in one of the ways a hostile or buggy renderer would. */
export function mutated(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    base,
    fc
      .tuple(base, nastyString, fc.anything())
      .map(([v, k, x]) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...v, [k]: x } : v)),
    fc.tuple(base, fc.nat(), fc.anything()).map(([v, i, x]) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return x;
      const keys = Object.keys(v);
      if (keys.length === 0) return v;
      return { ...v, [keys[i % keys.length] as string]: x };
    }),
    fc.tuple(base, fc.nat()).map(([v, i]) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
      const copy: Record<string, unknown> = { ...v };
      const keys = Object.keys(copy);
      if (keys.length) delete copy[keys[i % keys.length] as string];
      return copy;
    }),
    base.map((v) => [v]),
    base.map((v) => JSON.stringify(v) ?? null),
    // Prototype pollution attempts survive JSON.parse as own keys.
    base.map((v) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? { ...(JSON.parse('{"__proto__":{"polluted":true}}') as object), ...v }
        : v,
    ),
  );
}

/** Every file under `dir` with its size, mtime and content hash: equal snapshots = no write. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        out[p + '/'] = 'dir';
        walk(p);
      } else {
        const hash = createHash('sha256').update(readFileSync(p)).digest('hex');
        // SQLite's WAL index (-shm) is shared memory that every reader touches for its read
        // locks, so its mtime moves on reads by design; its size and bytes must not.
        out[p] = name.endsWith('-shm') ? `${st.size} ${hash}` : `${st.size} ${st.mtimeMs} ${hash}`;
      }
    }
  };
  walk(dir);
  return out;
}

/** Just the names (for folders we must not hash, such as the repository). */
export function listNames(dir: string): string[] {
  return readdirSync(dir).sort();
}
