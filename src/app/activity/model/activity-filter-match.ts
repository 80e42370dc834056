import { KNOWN_ACTIONS, actionWords } from './activity-actions';
import type { ActivityFilter } from './activity-filter';
import type { MemberName } from './activity-names';

// The actor and action filters take what people type ("alex", "Expense rec") and turn it into
// what the log stores (uids, action codes). Firestore matches exact values only, so the matching
// happens here, over the members and the known actions, and the query asks for each match.

/** Firestore takes at most 30 values in one `in`, and 30 combinations across two. */
export const MATCHES_MAX = 30;

/** The filter with the actor and action as stored values; absent fields fall back to exact matches. */
export interface ResolvedFilter extends ActivityFilter {
  actorUids?: readonly string[];
  actions?: readonly string[];
}

export type Resolution = { ok: true; filter: ResolvedFilter } | { ok: false; problem: string };

const words = (text: string) => text.trim().toLowerCase().replace(/[_\s]+/g, ' ');

/** Known actions whose code or words contain what was typed; what matches none is taken as a code. */
export function matchingActions(typed: string): string[] {
  const text = words(typed);
  if (!text) return [];
  const exact = KNOWN_ACTIONS.find((action) => words(action) === text || words(actionWords(action)) === text);
  if (exact) return [exact];
  const found = KNOWN_ACTIONS.filter((action) => words(action).includes(text) || words(actionWords(action)).includes(text));
  // An action no code knows (older entries, another writer): looked for as typed.
  return found.length ? found : [typed.trim().toUpperCase().replace(/\s+/g, '_')];
}

/** Members whose name or email contains what was typed (any case), or whose uid it is. */
export function matchingMembers(typed: string, members: ReadonlyMap<string, MemberName>): string[] {
  const text = typed.trim().toLowerCase();
  if (!text) return [];
  const found = [...members].filter(([uid, member]) => uid === typed.trim() || [member.name, member.email].some((value) => value?.toLowerCase().includes(text)));
  if ('system'.startsWith(text)) found.push(['system', { name: 'System', email: null }]);
  return found.map(([uid]) => uid).sort();
}

/**
 * The typed filter as the query asks it. Without the members (not readable) or when no member
 * matches, the actor is looked for exactly as before: an email or a uid, as typed.
 */
export function resolveFilter(filter: ActivityFilter, members: ReadonlyMap<string, MemberName> | null | undefined): Resolution {
  const resolved: ResolvedFilter = { ...filter };
  if (filter.action) {
    const actions = matchingActions(filter.action);
    if (actions.length > MATCHES_MAX) return { ok: false, problem: `"${filter.action}" matches ${actions.length} actions: type more of the action's words.` };
    resolved.actions = actions;
  }
  if (filter.actor && members) {
    const uids = matchingMembers(filter.actor, members);
    if (uids.length > MATCHES_MAX) return { ok: false, problem: `"${filter.actor}" matches ${uids.length} members: type more of the name or email.` };
    if (uids.length) resolved.actorUids = uids;
  }
  const combinations = (resolved.actions?.length ?? 1) * (resolved.actorUids?.length ?? 1);
  if (combinations > MATCHES_MAX) return { ok: false, problem: 'The actor and action filters match too many combinations: type more of either.' };
  return { ok: true, filter: resolved };
}
