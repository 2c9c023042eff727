// OTLP attribute lists (`[{ key, value: { stringValue | intValue | … } }]`) as plain JS values.
import type { AnyValue, KeyValue } from './schema';

export type AttributeValue = string | number | boolean | AttributeValue[] | { [key: string]: AttributeValue } | null;
export type Attributes = Map<string, AttributeValue>;

export function plainValue(value: AnyValue | undefined): AttributeValue {
  if (!value) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plainValue);
  if (value.kvlistValue)
    return Object.fromEntries((value.kvlistValue.values ?? []).map((kv) => [kv.key, plainValue(kv.value)]));
  return null;
}

/** Later lists win: pass the resource's attributes first and the span's last. */
export function attributeMap(...lists: (KeyValue[] | undefined)[]): Attributes {
  const map: Attributes = new Map();
  for (const list of lists) for (const kv of list ?? []) map.set(kv.key, plainValue(kv.value));
  return map;
}

/** The first of `keys` that holds a non-empty string (numbers are turned into text). */
export function stringAttr(attrs: Attributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = attrs.get(key);
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

/** The first of `keys` that holds a whole number ≥ 0 (also as a numeric string). */
export function countAttr(attrs: Attributes, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = attrs.get(key);
    const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0) return n;
  }
  return undefined;
}
