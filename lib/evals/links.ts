// Where the evals pages live, for links from pages and API answers (no server-only imports, so
// client components may use it too).

export const evalRunPath = (id: number) => `/evals/runs/${id}`;
export const featureEvalsPath = (feature: string) => `/features/${encodeURIComponent(feature)}/evals`;
export const evalComparePath = (base: number, head: number) => `/evals/compare?base=${base}&head=${head}`;
