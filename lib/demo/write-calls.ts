// The one place the demo seeder writes calls: through the same ingestion path as real traffic,
// so demo calls are validated, redacted and costed from the price table exactly like yours.
import type { Db } from '@/db';
import { ingestCalls } from '@/lib/ingest/ingest-calls';
import type { CallInput } from '@/lib/validations/call';
import type { CallRecord } from '@/lib/sdk/types';

const BATCH = 2000;

export async function writeCalls(db: Db, calls: CallRecord[], receivedAt = new Date()): Promise<void> {
  for (let i = 0; i < calls.length; i += BATCH) {
    const batch: CallInput[] = calls.slice(i, i + BATCH);
    const result = await ingestCalls(db, { calls: batch }, { maxCalls: BATCH, receivedAt });
    if (result.rejected.length) {
      const first = result.rejected[0];
      throw new Error(`Demo data was refused by ingestion (call ${first.index}): ${first.errors.join('; ')}`);
    }
  }
}
