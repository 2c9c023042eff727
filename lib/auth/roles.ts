export const ROLES = ['viewer', 'responder', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, responder: 1, admin: 2 };

/** Roles are ordered: an admin can do what a responder can, a responder what a viewer can. */
export function roleAllows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export const SCOPES = [
  'ingest',
  'switches:read',
  'switches:public',
  'switches:write',
  'evals:write',
  'config:write',
  'read',
] as const;
export type Scope = (typeof SCOPES)[number];

/** One line per role, for the users page and the CLI help. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'Reads dashboards, calls and alerts.',
  responder: 'Also flips kill switches and acknowledges alerts.',
  admin: 'Everything, including SLOs, budgets, keys, users and prices.',
};

/** One line per scope: what an application holding the key may do. */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  ingest: 'Send calls and OpenTelemetry traces (the SDK in your app).',
  'switches:read': 'Read kill-switch states and follow their stream (the SDK in your app).',
  'switches:public':
    'Read kill-switch states over OFREP from browser code, without kill reasons or who flipped (chat widgets).',
  'switches:write': 'Flip kill switches (runbooks, incident bots).',
  'evals:write': 'Upload eval runs (CI).',
  'config:write': 'Change SLOs and budgets as code (CI).',
  read: 'Read calls, feature health and metrics.',
};
