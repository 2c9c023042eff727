import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { modelPrices } from '../schema';
import type { ModelPrice } from '@/lib/cost/price-table';

export interface ModelPriceRow extends ModelPrice {
  id: number;
  createdAt: Date;
}

export type NewModelPrice = Omit<ModelPriceRow, 'id' | 'createdAt'>;

const columns = {
  id: modelPrices.id,
  provider: modelPrices.provider,
  modelPattern: modelPrices.modelPattern,
  inputPerMTok: modelPrices.inputPerMTok,
  outputPerMTok: modelPrices.outputPerMTok,
  cachedInputPerMTok: modelPrices.cachedInputPerMTok,
  effectiveFrom: modelPrices.effectiveFrom,
  createdAt: modelPrices.createdAt,
};

/** Every price, grouped by provider and pattern, the newest of each pattern first. */
export async function listModelPrices(db: Db): Promise<ModelPriceRow[]> {
  return db
    .select(columns)
    .from(modelPrices)
    .orderBy(asc(modelPrices.provider), asc(modelPrices.modelPattern), desc(modelPrices.effectiveFrom));
}

/** Throws a unique violation (23505) when the pattern already has a price from that moment. */
export async function insertModelPrice(db: Db, values: NewModelPrice): Promise<ModelPriceRow> {
  const [row] = await db.insert(modelPrices).values(values).returning(columns);
  return row;
}

export async function updateModelPrice(
  db: Db,
  id: number,
  values: Partial<NewModelPrice>,
): Promise<ModelPriceRow | undefined> {
  const [row] = await db.update(modelPrices).set(values).where(eq(modelPrices.id, id)).returning(columns);
  return row;
}

export async function deleteModelPrice(db: Db, id: number): Promise<ModelPriceRow | undefined> {
  const [row] = await db.delete(modelPrices).where(eq(modelPrices.id, id)).returning(columns);
  return row;
}

/** Inserts the prices whose (pattern, effective date) is not there yet; returns how many. */
export async function insertModelPricesIfAbsent(db: Db, values: NewModelPrice[]): Promise<number> {
  if (values.length === 0) return 0;
  const rows = await db.insert(modelPrices).values(values).onConflictDoNothing().returning({ id: modelPrices.id });
  return rows.length;
}
