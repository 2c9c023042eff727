import { asc } from 'drizzle-orm';
import type { Db } from '../client';
import { redactionRules } from '../schema';

export interface RedactionRuleRow {
  id: number;
  name: string;
  pattern: string;
  placeholder: string;
  enabled: boolean;
}

export async function listRedactionRules(db: Db): Promise<RedactionRuleRow[]> {
  return db
    .select({
      id: redactionRules.id,
      name: redactionRules.name,
      pattern: redactionRules.pattern,
      placeholder: redactionRules.placeholder,
      enabled: redactionRules.enabled,
    })
    .from(redactionRules)
    .orderBy(asc(redactionRules.id));
}
