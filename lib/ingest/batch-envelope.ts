// The envelope of a batch (`{ "calls": [ … ] }`, `{ "scores": [ … ] }`): an object with the one
// list, and no more items than a batch holds. Items are validated one by one afterwards.
import { ApiError, badRequest } from '@/lib/api/errors';

export function batchItems(rawBody: unknown, field: 'calls' | 'scores', max: number): unknown[] {
  if (rawBody === null || typeof rawBody !== 'object' || Array.isArray(rawBody)) {
    throw badRequest(`The body must be a JSON object: { "${field}": [ … ] }.`);
  }
  const unknown = Object.keys(rawBody).filter((k) => k !== field);
  if (unknown.length)
    throw badRequest(
      `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}: the body has only "${field}".`,
    );
  const items = (rawBody as Record<string, unknown>)[field];
  if (!Array.isArray(items))
    throw badRequest(`"${field}" must be an array of ${field}.`, { [field]: ['must be an array'] });
  if (items.length > max) {
    throw new ApiError(
      400,
      `too_many_${field}`,
      `A batch holds at most ${max} ${field}; this one has ${items.length}. Split it.`,
      {
        [field]: [`must have at most ${max} items`],
      },
    );
  }
  return items;
}
