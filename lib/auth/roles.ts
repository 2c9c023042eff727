export const ROLES = ['viewer', 'responder', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, responder: 1, admin: 2 };

/** Roles are ordered: an admin can do what a responder can, a responder what a viewer can. */
export function roleAllows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export const SCOPES = ['ingest', 'switches:read', 'switches:write', 'evals:write', 'config:write', 'read'] as const;
export type Scope = (typeof SCOPES)[number];
