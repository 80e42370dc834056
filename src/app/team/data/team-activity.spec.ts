import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { doc, getDoc, Timestamp } from 'firebase/firestore';
import { environment } from '../../../environments/environment.development';
import { createEmulatorApp, signInAsDemo } from '../../../testing/emulator-app';
import { Session } from '../../core/auth/session';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { FIREBASE_APP } from '../../core/firebase/firebase';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { ID_GENERATOR } from '../../core/time/clock';
import { TEAM_MEMBER_ONBOARDED, TeamActivity } from './team-activity';

// Against the Firestore emulator and its rules: the entry must pass `actorUid == auth.uid` and `at == request.time`.
describe('TeamActivity (emulator)', () => {
  const run = `team-spec-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`;
  let app: FirebaseApp;
  let eventId: string;

  afterEach(async () => {
    TestBed.resetTestingModule();
    await deleteApp(app);
  });

  async function setUp(signedInUid: (uid: string) => string) {
    // A new id per test: a second write to one id would be refused as an update, whatever its actor.
    eventId = `${run}-${Math.floor(Math.random() * 1e9)}`;
    const created = createEmulatorApp('team-activity-spec');
    app = created.app;
    const user = await signInAsDemo(created.auth, 'admin@maestro.test');
    TestBed.configureTestingModule({
      providers: [
        { provide: FIREBASE_APP, useValue: app },
        { provide: APP_ENVIRONMENT, useValue: environment },
        { provide: ID_GENERATOR, useValue: () => eventId },
        { provide: Session, useValue: { user: signal({ uid: signedInUid(user.uid), email: 'admin@maestro.test', displayName: 'Admin', role: 'admin' }) } },
      ],
    });
    return TestBed.inject(TeamActivity);
  }

  const newMember = { uid: 'new-member', email: 'ada@example.com', displayName: 'Ada', role: 'staff' as const, disabled: false, stations: ['grill' as const] };

  it('appends the onboarding entry in the admin own name with the commit time', async () => {
    const activity = await setUp((uid) => uid);
    await activity.recordOnboarding(newMember, 'corr-1');
    const db = await TestBed.inject(FirestoreLoader).firestore();
    const stored = (await getDoc(doc(db, 'activity', eventId))).data();
    expect(stored?.['action']).toBe(TEAM_MEMBER_ONBOARDED);
    expect(stored?.['subject']).toEqual({ type: 'user', id: 'new-member' });
    expect(stored?.['correlationId']).toBe('corr-1');
    expect(stored?.['changes']['stations']).toEqual({ from: null, to: ['grill'] });
    expect(stored?.['at']).toEqual(jasmine.any(Timestamp));
  });

  it('is refused by the rules when the actor is not the signed-in admin (so the workflow undoes)', async () => {
    const activity = await setUp(() => 'someone-else');
    await expectAsync(activity.recordOnboarding(newMember, 'corr-2')).toBeRejectedWith(jasmine.objectContaining({ code: 'permission-denied' }));
  });
});
