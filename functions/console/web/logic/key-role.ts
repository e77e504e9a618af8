// The signed-in key's role (viewer, editor, admin) as the console can know it. The admin API has
// no "who am I" route yet, so the role is read from the first refusal that names it (403: `…; this
// key is "viewer"`) and kept for the session; until then it is unknown and the console offers
// editing. Also the plain words for a failed sign-in: no headers, endpoints or status codes.

export type Role = 'viewer' | 'editor' | 'admin';

/** The role a 403 names, if it names one. */
export function roleFromRefusal(status: number, detail: string | undefined): Role | null {
  if (status !== 403 || !detail) return null;
  const match = /this key is "(viewer|editor|admin)"/.exec(detail);
  return match ? (match[1] as Role) : null;
}

/** A viewer only reads; editor and admin (and a role not yet known) may edit. */
export const mayEdit = (role: Role | null) => role !== 'viewer';

export const READ_ONLY_EXPLANATION = 'Your key has the viewer role: you can look at flags, history and previews, but not change them. Ask an admin for a key with the editor role to make changes.';

/** What to tell someone whose sign-in failed (status 0: no answer at all). */
export function signInProblem(status: number, code?: string): string {
  if (status === 0) return 'The console could not reach Switchyard. Check your connection and try again; if it keeps failing, ask whoever runs Switchyard whether it is up.';
  if (status === 401) return 'That key was not accepted. Check that you pasted the whole admin key, or ask an admin for a new one.';
  if (status === 403) return code === 'FORBIDDEN' ? 'That key cannot sign in to the console: it is a key for apps (an SDK key). Use an admin key instead; an admin can create one for you.' : 'That key may not sign in to the console. Ask an admin for an admin key.';
  if (status === 429) return 'Too many attempts just now. Wait a minute, then try again.';
  if (status >= 500) return 'Switchyard could not check the key just now. Try again in a minute; if it keeps failing, ask whoever runs Switchyard.';
  return 'The key could not be checked. Try again, or ask an admin for help.';
}
