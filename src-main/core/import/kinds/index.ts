import type { ImportKind } from '../types';
import { categoriesSpec } from './categories';
import { customersSpec } from './customers';
import { productsSpec } from './products';
import { receiptsSpec } from './receipts';
import { regionsSpec } from './regions';
import type { KindSpec } from './spec';
import { storesSpec } from './stores';

export const KIND_SPECS: Record<ImportKind, KindSpec> = {
  receipts: receiptsSpec,
  products: productsSpec,
  categories: categoriesSpec,
  stores: storesSpec,
  regions: regionsSpec,
  customers: customersSpec,
};

export type { KindSpec, ColumnSpec } from './spec';
