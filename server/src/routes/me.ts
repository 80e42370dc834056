import { DISPLAY_NAME_MAX_LENGTH, type MeResponse, type StoredProfile } from '@maestro/contracts';
import { Router } from 'express';
import {
  FieldValue,
  type DocumentData,
  type Firestore,
  type Timestamp,
} from 'firebase-admin/firestore';
import { z } from 'zod';
import { currentUser } from '../auth/authenticated-user';
import { parseOrThrow } from '../http/validate';

const updateProfileBody = z.strictObject(
  {
    displayName: z
      .string({ error: 'displayName must be text' })
      .trim()
      .min(1, { error: 'displayName must not be empty' })
      .max(DISPLAY_NAME_MAX_LENGTH, {
        error: `displayName must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`,
      }),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `only displayName may be sent, not ${issue.keys.join(', ')}`
        : 'send a JSON object like {"displayName": "Ada"}',
  },
);

/** `/api/me`: the caller's identity and their own profile document `users/{uid}`. */
export function meRouter(firestore: Firestore): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const user = currentUser(req);
    const snapshot = await firestore.collection('users').doc(user.uid).get();
    const body: MeResponse = {
      uid: user.uid,
      email: user.email,
      role: user.role,
      profile: snapshot.exists ? toStoredProfile(snapshot.data() ?? {}) : null,
    };
    res.json(body);
  });

  router.put('/profile', async (req, res) => {
    const user = currentUser(req);
    const { displayName } = parseOrThrow(updateProfileBody, req.body, 'profile');
    const profile = firestore.collection('users').doc(user.uid);
    // merge: the document may hold fields this route does not own.
    await profile.set({ displayName, updatedAt: FieldValue.serverTimestamp() }, { merge: true });
    // Read back for the timestamp the server actually stored (the emulator's differs from the commit time).
    const body: StoredProfile = toStoredProfile((await profile.get()).data() ?? {});
    res.json(body);
  });

  return router;
}

function toStoredProfile(data: DocumentData): StoredProfile {
  const updatedAt = data['updatedAt'] as Timestamp | undefined;
  return {
    displayName: typeof data['displayName'] === 'string' ? data['displayName'] : '',
    updatedAt: updatedAt ? updatedAt.toDate().toISOString() : null,
  };
}
