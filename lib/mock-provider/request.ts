// The part of an OpenAI chat-completions request the mock reads, validated like the real API
// would (unknown fields pass: the official client sends more than the mock needs).
import { z } from 'zod';

const TextPart = z.looseObject({ type: z.literal('text'), text: z.string() });

const Message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool'], {
    message: 'Must be system, developer, user, assistant or tool.',
  }),
  content: z.union([z.string(), z.array(TextPart), z.null()]).optional(),
});

export const ChatRequestSchema = z.looseObject({
  model: z.string({ message: 'Required: the model to use.' }).min(1, 'Required: the model to use.'),
  messages: z.array(Message, { message: 'Required: an array of messages.' }).min(1, 'Must hold at least one message.'),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  max_tokens: z.number().int().min(1).nullable().optional(),
  max_completion_tokens: z.number().int().min(1).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  response_format: z
    .looseObject({ type: z.enum(['text', 'json_object', 'json_schema']) })
    .nullable()
    .optional(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

export const messageText = (message: ChatRequest['messages'][number]): string =>
  typeof message.content === 'string' ? message.content : (message.content ?? []).map((part) => part.text).join('');

/** Where zod found the problem, as OpenAI names it in `param` ("messages.0.role"). */
export function describeRequestError(error: z.ZodError): { message: string; param: string | null } {
  const issue = error.issues[0];
  const param = issue.path.length ? issue.path.join('.') : null;
  return { message: param ? `Invalid '${param}': ${issue.message}` : issue.message, param };
}
