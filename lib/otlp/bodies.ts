// Prompt and completion from GenAI span attributes. Three shapes are in use:
// - semantic conventions ≥ 1.36: `gen_ai.input.messages` / `gen_ai.output.messages` (JSON text);
// - older conventions: `gen_ai.prompt` / `gen_ai.completion` (text, or JSON text of messages);
// - OpenLLMetry (traceloop): indexed `gen_ai.prompt.0.role`, `gen_ai.prompt.0.content`, ….
import type { ChatMessage } from '@/lib/validations/call';
import type { AttributeValue, Attributes } from './attributes';

export function promptOf(attrs: Attributes): string | ChatMessage[] | undefined {
  const messages = jsonMessages(attrs.get('gen_ai.input.messages')) ?? jsonMessages(attrs.get('gen_ai.prompt'));
  if (messages) return messages;
  const text = attrs.get('gen_ai.prompt');
  if (typeof text === 'string' && text !== '') return text;
  const indexed = indexedMessages(attrs, 'gen_ai.prompt');
  return indexed.length ? indexed : undefined;
}

export function completionOf(attrs: Attributes): string | undefined {
  const output = jsonMessages(attrs.get('gen_ai.output.messages'));
  if (output) return output.map((m) => messageText(m.content ?? m.parts)).join('\n');
  const text = attrs.get('gen_ai.completion');
  if (typeof text === 'string' && text !== '') {
    const messages = jsonMessages(text);
    return messages ? messages.map((m) => messageText(m.content ?? m.parts)).join('\n') : text;
  }
  const indexed = indexedMessages(attrs, 'gen_ai.completion');
  return indexed.length ? indexed.map((m) => messageText(m.content)).join('\n') : undefined;
}

/** A JSON array of `{ role, … }` objects, or undefined when the value is anything else. */
function jsonMessages(value: AttributeValue | undefined): ChatMessage[] | undefined {
  if (typeof value !== 'string' || !value.trimStart().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
    if (!parsed.every((m) => m && typeof m === 'object' && typeof m.role === 'string')) return undefined;
    return parsed as ChatMessage[];
  } catch {
    return undefined;
  }
}

function indexedMessages(attrs: Attributes, prefix: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (let i = 0; attrs.has(`${prefix}.${i}.content`) || attrs.has(`${prefix}.${i}.role`); i++) {
    const role = attrs.get(`${prefix}.${i}.role`);
    const content = attrs.get(`${prefix}.${i}.content`);
    messages.push({
      role: typeof role === 'string' && role ? role : 'user',
      content: typeof content === 'string' ? content : null,
    });
  }
  return messages;
}

/** Text of a message's content: a string, or the text of its parts (`{ type: "text", content|text }`). */
function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) =>
      typeof part === 'string'
        ? part
        : typeof part?.content === 'string'
          ? part.content
          : typeof part?.text === 'string'
            ? part.text
            : '',
    )
    .filter(Boolean)
    .join('');
}
