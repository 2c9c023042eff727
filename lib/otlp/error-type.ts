// Switchboard's error types from a span's `error.type` and HTTP status attributes.
import type { ERROR_TYPES } from '@/lib/validations/call';
import { stringAttr, type Attributes } from './attributes';

type ErrorType = (typeof ERROR_TYPES)[number];

const BY_NAME: [RegExp, ErrorType][] = [
  [/time.?out|timed.?out|deadline/i, 'timeout'],
  [/rate.?limit|too.?many.?requests|quota/i, 'rate_limit'],
  [/server.?error|internal|unavailable|overloaded|bad.?gateway/i, 'server_error'],
  [/content.?filter|safety|moderation/i, 'content_filter'],
  [/network|connection|econn|socket|dns|enotfound|fetch.?failed/i, 'network'],
];

export function errorTypeOf(attrs: Attributes): ErrorType {
  const name = stringAttr(attrs, 'error.type');
  const statusName = name && /^\d{3}$/.test(name) ? name : undefined;
  if (name && !statusName) for (const [pattern, type] of BY_NAME) if (pattern.test(name)) return type;
  // `error.type` is often the HTTP status code itself ("429", "503").
  const status = Number(statusName ?? stringAttr(attrs, 'http.response.status_code', 'http.status_code'));
  if (status === 429) return 'rate_limit';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500 && status <= 599) return 'server_error';
  return 'other';
}
