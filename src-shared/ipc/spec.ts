// The building blocks of the contract, apart so the per-feature channel files and contract.ts can
// share them without importing each other.
import { z } from 'zod';

/** Phantom marker carrying a TypeScript type without any runtime payload. */
export interface TypeMarker<T> {
  readonly __type?: T;
}
export function returns<T>(): TypeMarker<T> {
  return {};
}

export interface ChannelSpec<I extends z.ZodTypeAny = z.ZodTypeAny, O = unknown> {
  input: I;
  output: TypeMarker<O>;
}

/** Schema for channels that take no argument: `invoke('app:info')`. */
export const noInput = z.undefined();
