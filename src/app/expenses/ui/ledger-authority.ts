import { Injectable, computed, inject } from '@angular/core';
import {
  BUDGETS_ADMIN_ONLY,
  CATEGORY_DELETE_ADMIN_ONLY,
  OPENING_BALANCE_ADMIN_ONLY,
  mayChangeRecord,
  recordOwnerOnly,
} from '@maestro/contracts';
import { Session } from '../../core/auth/session';

/**
 * What the signed-in user may not do in the ledger, and why: each lock is the sentence to show
 * beside the disabled control, or null when the control is theirs. Screens say it before the
 * rules refuse; the rules (and orchestrators) still have the last word.
 */
@Injectable({ providedIn: 'root' })
export class LedgerAuthority {
  private readonly session = inject(Session);
  private readonly adminOnly = (reason: string) => computed(() => (this.session.isAdmin() ? null : reason));

  readonly budgetsLock = this.adminOnly(BUDGETS_ADMIN_ONLY);
  readonly openingBalanceLock = this.adminOnly(OPENING_BALANCE_ADMIN_ONLY);
  readonly categoryDeleteLock = this.adminOnly(CATEGORY_DELETE_ADMIN_ONLY);

  /** Null for whoever recorded it and for admins. Reads the session: call it inside a computed or a template. */
  recordLock(record: { createdBy?: unknown }, what: 'expense' | 'transfer'): string | null {
    const user = this.session.user();
    return user && mayChangeRecord(record, user) ? null : recordOwnerOnly(what);
  }
}
