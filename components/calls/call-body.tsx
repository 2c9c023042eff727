// A redacted prompt as a person reads it: chat messages as role + content, text as text.

type Message = { role?: unknown; content?: unknown; [field: string]: unknown };

const pre = 'whitespace-pre-wrap break-words rounded-md border border-border bg-bg p-3 font-mono text-xs';

/** Content parts (`[{ type: 'text', text }]`) show their text; anything else shows as JSON. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string'
          ? (part as { text: string }).text
          : JSON.stringify(part),
      )
      .join('\n');
  }
  return JSON.stringify(content, null, 2);
}

export function PromptView({ prompt }: { prompt: unknown }) {
  if (prompt === null || prompt === undefined)
    return <p className="text-sm text-muted">Not stored (none sent, or bodies are off for this feature).</p>;
  if (!Array.isArray(prompt))
    return <pre className={pre}>{typeof prompt === 'string' ? prompt : JSON.stringify(prompt, null, 2)}</pre>;
  return (
    <ol className="flex flex-col gap-2" aria-label="Prompt messages">
      {(prompt as Message[]).map((message, i) => {
        const { role, content, ...rest } = message ?? {};
        return (
          <li key={i} className="flex flex-col gap-1">
            <span className="text-xs font-bold uppercase tracking-wide text-muted">{String(role ?? 'message')}</span>
            <pre className={pre}>
              {contentText(content)}
              {Object.keys(rest).length ? `\n${JSON.stringify(rest, null, 2)}` : ''}
            </pre>
          </li>
        );
      })}
    </ol>
  );
}

export function TextView({ text, none }: { text: string | null; none: string }) {
  return text === null ? <p className="text-sm text-muted">{none}</p> : <pre className={pre}>{text}</pre>;
}

export function JsonView({ value, none }: { value: unknown; none: string }) {
  const empty =
    value === null || value === undefined || (typeof value === 'object' && Object.keys(value as object).length === 0);
  return empty ? (
    <p className="text-sm text-muted">{none}</p>
  ) : (
    <pre className={pre}>{JSON.stringify(value, null, 2)}</pre>
  );
}
