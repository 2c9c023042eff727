// The browser's side of our JSON API: a readable Error for every failure, with the server's message.

export class FetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch {
    throw new FetchError(0, 'The server cannot be reached; check your connection.');
  }
  if (res.ok) return (await res.json()) as T;
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  const message =
    res.status === 401
      ? 'Your session has ended; sign in again.'
      : (body?.error?.message ?? `The server answered ${res.status}.`);
  throw new FetchError(res.status, message);
}
