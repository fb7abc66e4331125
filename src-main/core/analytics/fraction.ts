// Exact rational numbers on BigInt, for the few figures that are not whole cents: revenue
// excluding VAT (cents / (1 + rate)), prorated targets (cents × days / days in year) and the
// price-volume-mix effects. Everything stays exact until the final rounding to cents, so
// totals, parents and bridges add up to the cent.

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function bitLength(n: bigint): number {
  return (n < 0n ? -n : n).toString(2).length;
}

// Reducing by the gcd costs more than the arithmetic at dashboard sizes, so fractions are
// reduced only once the denominator grows past REDUCE_ABOVE (long sums such as the PVM bridge).
const REDUCE_ABOVE = 1n << 256n;

export class Fraction {
  /** Denominator > 0; not necessarily reduced. */
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static of(num: bigint | number, den: bigint | number = 1n): Fraction {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError('Fraction with a zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (d < REDUCE_ABOVE) return new Fraction(n, d);
    const g = gcd(n, d);
    return g > 1n ? new Fraction(n / g, d / g) : new Fraction(n, d);
  }

  static readonly ZERO = Fraction.of(0n);

  add(o: Fraction): Fraction {
    if (this.den === o.den) return Fraction.of(this.num + o.num, this.den);
    return Fraction.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Fraction): Fraction {
    return this.add(o.neg());
  }

  neg(): Fraction {
    return new Fraction(-this.num, this.den);
  }

  mul(o: Fraction): Fraction {
    return Fraction.of(this.num * o.num, this.den * o.den);
  }

  /** Division by a non-zero fraction. */
  div(o: Fraction): Fraction {
    return Fraction.of(this.num * o.den, this.den * o.num);
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  /** Nearest integer, halves rounded away from zero (as PostgreSQL's round(numeric)). */
  round(): bigint {
    const q = this.num / this.den; // truncates toward zero
    const r = this.num % this.den;
    const twice = (r < 0n ? -r : r) * 2n;
    if (twice >= this.den) return this.num < 0n ? q - 1n : q + 1n;
    return q;
  }

  /** Closest double; safe for huge numerators/denominators (no Infinity/Infinity). */
  toNumber(): number {
    const shift = Math.max(0, bitLength(this.num) - 1000, bitLength(this.den) - 1000);
    if (shift === 0) return Number(this.num) / Number(this.den);
    const s = BigInt(shift);
    return Number(this.num >> s) / Number(this.den >> s);
  }
}

/** a / b as a double, or null when b is 0 (never NaN nor Infinity). */
export function ratio(a: Fraction, b: Fraction): number | null {
  if (b.isZero()) return null;
  return a.div(b).toNumber();
}

/** Cents (exact) → euros rounded to the cent. */
export function euros(cents: Fraction | number | bigint): number {
  if (cents instanceof Fraction) return Number(cents.round()) / 100;
  return Number(cents) / 100;
}
