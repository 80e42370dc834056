import { isPlatformServer } from '@angular/common';
import { DestroyRef, Injectable, PLATFORM_ID, computed, inject, signal } from '@angular/core';
import type { Auth, User } from 'firebase/auth';
import { roleFromClaims, stationsFromClaims, type KitchenStation, type Role } from '@maestro/contracts';
import { firebaseAuthLoader } from '../firebase/firebase';
import { EarlyPaint } from '../hydration/early-paint';
import { HeadStart } from '../hydration/head-start';
import { LOGGER } from '../logging/logger';
import { authErrorMessage } from './auth-error-message';

export interface SessionUser {
  uid: string;
  email: string;
  displayName: string;
  role: Role;
  /** The kitchen stations an admin gave this member (the kitchen display opens on them). */
  stations?: readonly KitchenStation[];
}

/** Signed in to Firebase, but the account carries no member role: it may do nothing here. */
export interface OutsiderAccount {
  uid: string;
  email: string;
}

type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: SessionUser }
  | { status: 'no-access'; account: OutsiderAccount };

/** A sign-in that failed, with a message fit to show. */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

/**
 * Who is signed in and in which role, as signals; the one place that talks to Firebase Auth.
 * The Auth SDK is not in the initial bundle: it loads when the session is first asked for (the
 * first route's guard asks at once).
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly loadAuth = firebaseAuthLoader();
  private readonly log = inject(LOGGER);
  private readonly earlyPaint = inject(EarlyPaint);
  private readonly headStart = inject(HeadStart);
  // Equal states are one: Auth confirming the member a shell page opened on changes nothing downstream.
  private readonly state = signal<SessionState>({ status: 'loading' }, { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  private readonly firstState: Promise<void>;
  private resolveFirst!: () => void;
  private listening?: Promise<Auth>;
  private stopListening?: () => void;
  private destroyed = false;

  readonly status = computed(() => this.state().status);
  readonly user = computed(() => {
    const state = this.state();
    return state.status === 'signed-in' ? state.user : null;
  });
  readonly isAdmin = computed(() => this.user()?.role === 'admin');
  /** The signed-in account when it is not a member (null otherwise). */
  readonly outsider = computed(() => {
    const state = this.state();
    return state.status === 'no-access' ? state.account : null;
  });

  /**
   * Why Firebase ended the session by itself — an account disabled or deleted while signed in,
   * found at a page load or a token refresh — so the sign-in page can say it (SessionEnd).
   */
  private readonly endedWhy = signal<string | null>(null);
  readonly endedReason = this.endedWhy.asReadonly();
  /** True while we sign out ourselves: that sign-out needs no explanation. */
  private signingOut = false;

  constructor() {
    this.firstState = new Promise((resolve) => (this.resolveFirst = resolve));
    if (isPlatformServer(inject(PLATFORM_ID))) {
      // The build prerenders the sign-in page and the pages' shells (app.config.server.ts) without
      // Firebase Auth, which has no one to restore in Node: nobody is known, and the frame's
      // "signed out, leave" reaction (Shell) stays quiet; the guards decide from there.
      this.resolveFirst();
      return;
    }
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.stopListening?.();
    });
    // A shell page's HTML read the member Firebase is restoring (HeadStart): the page opens on that
    // at once instead of after Auth's round trip. Auth's verdict follows and wins: an account it
    // will not restore is signed out (the frame then leaves for the sign-in page, saying why).
    void this.headStart
      .restored()
      ?.then((restored) => {
        const early = restored ? stateOfClaims(restored.uid, restored.email, restored.displayName, restored.claims) : null;
        if (early?.status !== 'signed-in' || this.destroyed) return;
        if (this.state().status === 'loading') {
          this.state.set(early);
          this.resolveFirst();
        } else if (this.state().status === 'signed-out' && !this.signingOut && !this.endedWhy()) {
          // Auth answered first, and refused the session this browser kept (disabled, deleted).
          this.endedWhy.set(SIGNED_OUT_ELSEWHERE);
        }
      });
    this.auth().catch((error: unknown) => {
      // The SDK did not arrive (the network dropped after the page loaded): show the sign-in page
      // rather than nothing; signing in asks for the SDK again.
      this.log.error('Firebase Auth could not be loaded', { error });
      this.state.set({ status: 'signed-out' });
      this.resolveFirst();
    });
  }

  /** Auth, listening to its tokens from the first time it loads. */
  private auth(): Promise<Auth> {
    this.listening ??= Promise.all([this.loadAuth(), import('firebase/auth')]).then(([auth, { onIdTokenChanged }]) => {
      if (this.destroyed) return auth;
      // onIdTokenChanged (not onAuthStateChanged): a refreshed token may carry new role claims.
      let first = true;
      // Each token change is read in turn; a read that a newer change overtook (a refresh finishing
      // after a sign-out) neither sets the state nor keeps its token.
      let turn = 0;
      this.stopListening = onIdTokenChanged(auth, async (user) => {
        const mine = ++turn;
        const restored = first && user !== null;
        first = false;
        const wasSignedIn = this.state().status === 'signed-in';
        if (!user && wasSignedIn && !this.signingOut && !this.endedWhy()) this.endedWhy.set(SIGNED_OUT_ELSEWHERE);
        const read = user ? await tokenState(user) : null;
        if (mine !== turn) return;
        const state: SessionState = read?.state ?? { status: 'signed-out' };
        this.state.set(state);
        // The shells' script sends a member's token only; nobody's, or an outsider's, is not kept.
        this.headStart.keepToken(read && state.status === 'signed-in' ? { uid: state.user.uid, email: state.user.email, displayName: user?.displayName ?? '', token: read.token } : null);
        // Screens saved for the shells' early painter belong to a member: nobody, or an outsider, gets none.
        if (state.status !== 'signed-in') this.earlyPaint.forgetAll();
        this.resolveFirst();
        if (restored) void this.refreshRestored(user);
      });
      return auth;
    });
    this.listening.catch(() => (this.listening = undefined));
    return this.listening;
  }

  /** Resolves once Firebase has said whether someone is signed in (restored sessions included). */
  ready(): Promise<void> {
    return this.firstState;
  }

  /** Signs in; resolves with the member, or null when the account is not a member of the workspace. */
  async signIn(email: string, password: string): Promise<SessionUser | null> {
    let credential;
    try {
      const [auth, { signInWithEmailAndPassword }] = await Promise.all([this.auth(), import('firebase/auth')]);
      credential = await signInWithEmailAndPassword(auth, email.trim(), password);
    } catch (error) {
      throw new SignInError(authErrorMessage(error), (error as { code?: string }).code);
    }
    const state = await stateOf(credential.user);
    this.state.set(state);
    return state.status === 'signed-in' ? state.user : null;
  }

  /**
   * Fetches a fresh token (an admin may have just given this account access) and says whether
   * the account is a member now.
   */
  async recheckMembership(): Promise<boolean> {
    const user = (await this.auth()).currentUser;
    if (!user) return false;
    await user.getIdToken(true);
    const state = await stateOf(user);
    this.state.set(state);
    return state.status === 'signed-in';
  }

  async signOut(): Promise<void> {
    this.signingOut = true;
    // First: whatever happens next, the shells' script sends nothing for this member any more.
    this.headStart.keepToken(null);
    try {
      const [auth, { signOut }] = await Promise.all([this.auth(), import('firebase/auth')]);
      await signOut(auth);
      this.earlyPaint.forgetAll();
    } finally {
      this.signingOut = false;
    }
    this.state.set({ status: 'signed-out' });
  }

  /** A new sign-in starts with no reason from the last session. */
  clearEndedReason(): void {
    this.endedWhy.set(null);
  }

  /**
   * A session restored at page load may carry claims an admin has changed since (role, stations)
   * or belong to a disabled account: fetch a fresh token once. Its new claims arrive through
   * onIdTokenChanged; an account that may no longer sign in is signed out.
   */
  private async refreshRestored(user: User): Promise<void> {
    try {
      await user.getIdToken(true);
    } catch (error) {
      const code = (error as { code?: string }).code;
      const why = code ? ENDED_BECAUSE[code] : undefined;
      if (why) {
        this.endedWhy.set(why);
        await this.signOut();
      }
    }
  }

  /** The current ID token for API calls; `forceRefresh` fetches a new one (and new claims). */
  async idToken(forceRefresh = false): Promise<string | null> {
    const auth = await this.auth();
    // The page may have opened on the restored member before Auth has finished restoring it.
    await auth.authStateReady();
    return (await auth.currentUser?.getIdToken(forceRefresh)) ?? null;
  }
}

/** What the sign-in page says when Firebase refused to keep a restored session. */
const ENDED_BECAUSE: Record<string, string> = {
  'auth/user-disabled': 'You were signed out: an admin disabled this account. Ask an admin to enable it again.',
  'auth/user-not-found': 'You were signed out: this account no longer exists. Sign in with another account.',
  'auth/user-token-expired': 'You were signed out: your sign-in has ended (the account or its password changed). Sign in again.',
};

const SIGNED_OUT_ELSEWHERE =
  'You were signed out: the account was disabled or changed, or you signed out in another tab. Sign in again.';

async function stateOf(user: User): Promise<SessionState> {
  return (await tokenState(user)).state;
}

/** The user's current ID token and the session state its claims give. */
async function tokenState(user: User): Promise<{ token: string; state: SessionState }> {
  const { token, claims } = await user.getIdTokenResult();
  return { token, state: stateOfClaims(user.uid, user.email ?? '', user.displayName ?? '', claims) };
}

function stateOfClaims(uid: string, email: string, displayName: string, claims: Record<string, unknown>): SessionState {
  const role = roleFromClaims(claims);
  if (!role) return { status: 'no-access', account: { uid, email } };
  const stations = stationsFromClaims(claims);
  return { status: 'signed-in', user: { uid, email, displayName: displayName || email, role, stations } };
}
