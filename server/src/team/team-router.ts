import {
  TEAM_INVITE_LINK_SENT,
  TEAM_MEMBER_ONBOARDED,
  creationChanges,
  memberClaims,
  onboardedEntryId,
  roleFromClaims,
  type CreateTeamMemberResponse,
  type KitchenStation,
  type AdminUserSummary,
  type InviteLinkResponse,
  type WelcomeNotificationResponse,
} from '@maestro/contracts';
import { Router } from 'express';
import type { Auth, UserRecord } from 'firebase-admin/auth';
import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { activityEntry } from '../activity/activity-entry';
import { currentUser } from '../auth/authenticated-user';
import {
  revokeSessions,
  type RevocationReason,
  type SessionMarker,
} from '../auth/session-revocations';
import { parseOrThrow } from '../http/validate';
import { mapAuthError, teamError } from './team-errors';
import { appOriginFor, welcomeLink } from './welcome-link';
import {
  createMemberBody,
  notificationParams,
  onboardedBody,
  profileBody,
  uidParam,
  updateMemberBody,
} from './team-schemas';

/**
 * The admin-only writes of team onboarding, mounted under `/api/admin/users` (behind requireAdmin).
 * Each step of the SPA's OnboardingWorkflow has a route and, for its undo, a DELETE route.
 * Profiles and notifications are written here because the rules leave those collections to the API.
 */
/** Acts on this node at once; the other nodes hear of it through the `sessionRevocations` watch. */
export type SessionsEnded = (uid: string, marker: SessionMarker) => void;

export function teamRouter(
  auth: Auth,
  firestore: Firestore,
  sessionsEnded: SessionsEnded = () => undefined,
  spaOrigins: readonly string[] = ['http://127.0.0.1:4200'],
): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = parseOrThrow(createMemberBody, req.body, 'new team member');
    const created = await auth
      .createUser({ email: body.email, displayName: body.displayName, emailVerified: false })
      .catch((error: unknown) => mapAuthError(error, { email: body.email }));
    try {
      await auth.setCustomUserClaims(created.uid, memberClaims(body.role, body.stations));
      // No password is set: the member chooses one through this link, which the admin sends them.
      const resetLink = await auth.generatePasswordResetLink(body.email);
      const signInLink = welcomeLink(resetLink, appOriginFor(req.get('origin'), spaOrigins));
      const user = await auth.getUser(created.uid);
      const answer: CreateTeamMemberResponse = { user: toSummary(user), signInLink };
      res.status(201).location(`${req.baseUrl}/${created.uid}`).json(answer);
    } catch (error) {
      // A half-made account (no claims, no link) is removed before the error is reported.
      await auth.deleteUser(created.uid).catch(() => undefined);
      throw error;
    }
  });

  router.patch('/:uid', async (req, res) => {
    const { uid } = parseOrThrow(uidParam, req.params, 'path');
    const body = parseOrThrow(updateMemberBody, req.body, 'change');
    if (uid === currentUser(req).uid && (body.role === 'staff' || body.disabled === true)) {
      throw teamError(
        409,
        'self_protected',
        'You cannot demote or disable your own account; ask another admin, so Maestro always keeps one.',
      );
    }
    const before = await auth.getUser(uid).catch((error: unknown) => mapAuthError(error, { uid }));
    const claims = before.customClaims ?? {};
    const demoted = roleFromClaims(claims) === 'admin' && body.role === 'staff';
    if (body.role !== undefined || body.stations !== undefined) {
      // An account without a role (signed up on its own) becomes staff when given stations only.
      const role = body.role ?? roleFromClaims(claims) ?? 'staff';
      const stations = body.stations ?? stationsOf(claims);
      await auth.setCustomUserClaims(uid, { ...claims, ...memberClaims(role, stations) });
    }
    if (body.disabled !== undefined) await auth.updateUser(uid, { disabled: body.disabled });
    // A disabled or demoted member's sessions end now, everywhere: refresh tokens revoked, sockets
    // closed on every node, Firestore refused by the rules, instead of lasting up to an hour more.
    const reason = sessionChange(before.disabled, body.disabled, demoted);
    if (reason) sessionsEnded(uid, await revokeSessions({ auth, firestore }, uid, reason));
    res.json(toSummary(await auth.getUser(uid)));
  });

  // A new invite link for a member who has not chosen a password yet: the first one expired, or
  // never reached them. Earlier links are not revoked (Firebase cannot take back one code).
  router.post('/:uid/invite-link', async (req, res) => {
    const { uid } = parseOrThrow(uidParam, req.params, 'path');
    const member = await auth.getUser(uid).catch((error: unknown) => mapAuthError(error, { uid }));
    const name = member.displayName || member.email || uid;
    if (!invitePending(member)) {
      throw teamError(409, 'already_joined', `${name} has chosen a password already, so an invite link would change nothing; they sign in with it.`);
    }
    if (member.disabled) {
      throw teamError(409, 'member_disabled', `${name} is disabled, so a link would not let them in. Enable the account first, then send a new link.`);
    }
    const resetLink = await auth.generatePasswordResetLink(member.email!);
    const answer: InviteLinkResponse = { signInLink: welcomeLink(resetLink, appOriginFor(req.get('origin'), spaOrigins)) };
    // A link sets the account's password: who made one, and for whom, is in the log (not the link).
    const actor = currentUser(req);
    const entry = firestore.collection('activity').doc();
    await entry.create(activityEntry({ actor, action: TEAM_INVITE_LINK_SENT, subject: { type: 'user', id: uid }, changes: {} }, entry.id));
    res.status(201).json(answer);
  });

  // The workflow's compensation for step 1: removes an account it has just created.
  router.delete('/:uid', async (req, res) => {
    const { uid } = parseOrThrow(uidParam, req.params, 'path');
    if (uid === currentUser(req).uid) {
      throw teamError(409, 'self_protected', 'You cannot delete your own account.');
    }
    await auth.deleteUser(uid).catch((error: unknown) => mapAuthError(error, { uid }));
    res.status(204).end();
  });

  router.put('/:uid/profile', async (req, res) => {
    const { uid } = parseOrThrow(uidParam, req.params, 'path');
    const body = parseOrThrow(profileBody, req.body, 'profile');
    await auth.getUser(uid).catch((error: unknown) => mapAuthError(error, { uid }));
    await firestore
      .collection('users')
      .doc(uid)
      .set({ ...body, updatedAt: FieldValue.serverTimestamp() }, { merge: true });
    res.json(body);
  });

  router.delete('/:uid/profile', async (req, res) => {
    const { uid } = parseOrThrow(uidParam, req.params, 'path');
    await firestore.collection('users').doc(uid).delete();
    res.status(204).end();
  });

  router.post('/:uid/notifications', async (req, res) => {
    const { uid } = parseOrThrow(uidParam, req.params, 'path');
    const user = await auth.getUser(uid).catch((error: unknown) => mapAuthError(error, { uid }));
    const ref = await firestore.collection('notifications').add({
      uid,
      kind: 'welcome',
      title: 'Welcome to Maestro',
      body: `Hello ${user.displayName ?? user.email ?? ''}, your account is ready.`,
      read: false,
      createdBy: currentUser(req).uid,
      createdAt: FieldValue.serverTimestamp(),
    });
    const answer: WelcomeNotificationResponse = { id: ref.id };
    res.status(201).json(answer);
  });

  router.delete('/:uid/notifications/:id', async (req, res) => {
    const { uid, id } = parseOrThrow(notificationParams, req.params, 'path');
    const ref = firestore.collection('notifications').doc(id);
    const snapshot = await ref.get();
    // Only a notification of this member: the route must not become a way to delete any document.
    if (snapshot.exists && snapshot.get('uid') === uid) await ref.delete();
    res.status(204).end();
  });

  // The onboarding's activity entry, written here because the rules let clients log the ledger only.
  router.post('/:uid/onboarded', async (req, res) => {
    const { uid } = parseOrThrow(uidParam, req.params, 'path');
    const { correlationId } = parseOrThrow(onboardedBody, req.body, 'entry');
    const member = await auth.getUser(uid).catch((error: unknown) => mapAuthError(error, { uid }));
    const summary = toSummary(member);
    const actor = currentUser(req);
    const id = onboardedEntryId(uid);
    const created = await firestore
      .collection('activity')
      .doc(id)
      .create(
        activityEntry(
          {
            actor,
            action: TEAM_MEMBER_ONBOARDED,
            subject: { type: 'user', id: uid },
            changes: creationChanges({ email: summary.email, displayName: summary.displayName, role: summary.role, stations: summary.stations ?? [] }),
            correlationId,
          },
          id,
        ),
      )
      .then(
        () => true,
        (error: unknown) => {
          // ALREADY_EXISTS (6): a retry after a lost answer; the entry is there once.
          if ((error as { code?: unknown }).code === 6) return false;
          throw error;
        },
      );
    res.status(created ? 201 : 200).location(`/activity/${id}`).json({ id });
  });

  return router;
}

/** What a change does to the member's signed-in sessions, if anything. */
function sessionChange(
  wasDisabled: boolean,
  disabled: boolean | undefined,
  demoted: boolean,
): RevocationReason | null {
  if (disabled === true) return 'disabled';
  if (demoted) return 'demoted';
  // Enabled again: the marker stops refusing everything; sessions from before stay ended.
  if (wasDisabled && disabled === false) return 'enabled';
  return null;
}

function stationsOf(claims: Record<string, unknown>): KitchenStation[] {
  return Array.isArray(claims['stations']) ? (claims['stations'] as KitchenStation[]) : [];
}

export function toSummary(user: UserRecord): AdminUserSummary {
  const claims = user.customClaims ?? {};
  const summary: AdminUserSummary = {
    uid: user.uid,
    email: user.email ?? null,
    displayName: user.displayName ?? null,
    role: roleFromClaims(claims),
    disabled: user.disabled,
  };
  const stations = stationsOf(claims);
  if (stations.length > 0) summary.stations = stations;
  if (invitePending(user)) summary.invitePending = true;
  return summary;
}

/**
 * Invited and not joined: an account made by the invite has no password provider until the member
 * chooses one through the link (an account that signed itself up has one from the start).
 */
function invitePending(user: UserRecord): boolean {
  return !!user.email && !user.providerData.some((provider) => provider.providerId === 'password');
}
