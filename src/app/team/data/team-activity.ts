import { Injectable, inject } from '@angular/core';
import { creationChanges, type ActivityEntry, type AdminUserSummary } from '@maestro/contracts';
import { Session } from '../../core/auth/session';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { ID_GENERATOR } from '../../core/time/clock';

export const TEAM_MEMBER_ONBOARDED = 'TEAM_MEMBER_ONBOARDED';

/**
 * Appends the onboarding's activity entry from the browser: the rules accept an entry only in
 * the signed-in admin's own name, stamped with the commit time (serverTimestamp).
 */
@Injectable({ providedIn: 'root' })
export class TeamActivity {
  private readonly firestore = inject(FirestoreLoader);
  private readonly session = inject(Session);
  private readonly newId = inject(ID_GENERATOR);

  async recordOnboarding(member: AdminUserSummary, correlationId: string): Promise<void> {
    const actor = this.session.user();
    if (!actor) throw Object.assign(new Error('Sign in again to add team members.'), { code: 'unauthenticated' });
    const [db, { doc, setDoc, serverTimestamp }] = await Promise.all([this.firestore.firestore(), import('firebase/firestore')]);
    const eventId = this.newId();
    const entry: ActivityEntry = {
      actorUid: actor.uid,
      actorEmail: actor.email || null,
      action: TEAM_MEMBER_ONBOARDED,
      subject: { type: 'user', id: member.uid },
      changes: creationChanges({ email: member.email, displayName: member.displayName, role: member.role, stations: member.stations ?? [] }),
      correlationId,
      eventId,
      at: serverTimestamp(),
    };
    await setDoc(doc(db, 'activity', eventId), entry);
  }
}
