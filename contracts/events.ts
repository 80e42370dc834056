import type { AccountDraft, AccountPatch, BudgetDraft, CategoryDraft, ExpenseDraft, TransferDraft } from './expenses';
import type { ImportRuleDraft } from './import-rules';
import type { MenuChange, MenuChangeResult } from './menu';
import type { MergeKind } from './merge';
import type { OrderItem, OrderItemRequest, OrderStatus, UpdateOrderItemRequest, UpdateOrderRequest } from './orders';

// The one catalog of domain events, shared by the SPA and the API.
// Names are past tense, domain first; a command the user asked for ends in _REQUESTED and its
// failure in _FAILED. `EventCatalog` maps every name to its payload type, so `emit` and `on`
// are checked end to end: a wrong payload does not compile.

/** Who caused an event: a signed-in user, or the system itself (timers, the server). */
export type Actor = { kind: 'user'; uid: string; email?: string } | { kind: 'system'; name: string };

export interface DomainEvent<K extends EventType = EventType> {
  /** Unique per event; consumers use it to drop duplicates. */
  id: string;
  type: K;
  /** Schema version of this event type's payload. */
  version: number;
  payload: EventCatalog[K];
  /** ISO 8601. */
  occurredAt: string;
  /** Shared by every event of one workflow (a saga, an import), for tracing and the activity log. */
  correlationId: string;
  /** The id of the event that caused this one. */
  causationId?: string;
  actor: Actor;
}

/** Why something failed, in a form that survives serialization. */
export interface FailureCause {
  message: string;
  code?: string;
}

/** Every *_FAILED event carries the cause and the event whose handling failed. */
export interface FailedPayload<K extends EventType> {
  cause: FailureCause;
  failedEvent: DomainEvent<K>;
}

// ----- payloads -----

/** A field's value before and after a change, for the activity log and the undo of an edit. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

export interface EventCatalog {
  ACCOUNT_CREATION_REQUESTED: { account: AccountDraft };
  ACCOUNT_CREATED: { accountId: string; account: AccountDraft };
  ACCOUNT_CREATION_FAILED: FailedPayload<'ACCOUNT_CREATION_REQUESTED'>;

  /** Rename, retype, archive or restore an account. */
  ACCOUNT_UPDATE_REQUESTED: { accountId: string; patch: AccountPatch };
  ACCOUNT_UPDATED: { accountId: string; changes: FieldChanges };
  ACCOUNT_UPDATE_FAILED: FailedPayload<'ACCOUNT_UPDATE_REQUESTED'>;

  CATEGORY_CREATION_REQUESTED: { category: CategoryDraft };
  CATEGORY_CREATED: { categoryId: string; category: CategoryDraft };
  CATEGORY_CREATION_FAILED: FailedPayload<'CATEGORY_CREATION_REQUESTED'>;

  CATEGORY_UPDATE_REQUESTED: { categoryId: string; category: CategoryDraft };
  CATEGORY_UPDATED: { categoryId: string; changes: FieldChanges };
  CATEGORY_UPDATE_FAILED: FailedPayload<'CATEGORY_UPDATE_REQUESTED'>;

  CATEGORY_DELETION_REQUESTED: { categoryId: string };
  CATEGORY_DELETED: { categoryId: string };
  CATEGORY_DELETION_FAILED: FailedPayload<'CATEGORY_DELETION_REQUESTED'>;

  EXPENSE_RECORDING_REQUESTED: { expense: ExpenseDraft };
  EXPENSE_RECORDED: { expenseId: string; expense: ExpenseDraft };
  EXPENSE_RECORDING_FAILED: FailedPayload<'EXPENSE_RECORDING_REQUESTED'>;

  EXPENSE_UPDATE_REQUESTED: { expenseId: string; expense: ExpenseDraft };
  EXPENSE_UPDATED: { expenseId: string; changes: FieldChanges };
  EXPENSE_UPDATE_FAILED: FailedPayload<'EXPENSE_UPDATE_REQUESTED'>;

  /** Soft delete: the expense is hidden and can be restored (the snackbar's Undo). */
  EXPENSE_DELETION_REQUESTED: { expenseId: string };
  EXPENSE_DELETED: { expenseId: string };
  EXPENSE_DELETION_FAILED: FailedPayload<'EXPENSE_DELETION_REQUESTED'>;

  EXPENSE_RESTORATION_REQUESTED: { expenseId: string };
  EXPENSE_RESTORED: { expenseId: string };
  EXPENSE_RESTORATION_FAILED: FailedPayload<'EXPENSE_RESTORATION_REQUESTED'>;

  /**
   * Undo a whole import: every row it wrote is deleted (softly, like any expense), all or nothing,
   * by its author or an admin. `count`: rows removed; `edited`: of those, rows changed since the import.
   */
  EXPENSES_IMPORT_UNDO_REQUESTED: { importId: string };
  EXPENSES_IMPORT_UNDONE: { importId: string; count: number; edited: number };
  EXPENSES_IMPORT_UNDO_FAILED: FailedPayload<'EXPENSES_IMPORT_UNDO_REQUESTED'>;

  /**
   * An admin merges duplicates (same-named accounts of one currency, or sibling categories) into
   * the one that stays: what points at the others moves to it, then they are deleted; all or nothing.
   */
  DUPLICATES_MERGE_REQUESTED: { kind: MergeKind; survivorId: string; otherIds: string[] };
  DUPLICATES_MERGE_PROGRESSED: { mergeId: string; written: number; total: number };
  DUPLICATES_MERGED: { kind: MergeKind; survivorId: string; otherIds: string[]; moved: Record<string, number> };
  DUPLICATES_MERGE_FAILED: FailedPayload<'DUPLICATES_MERGE_REQUESTED'>;

  TRANSFER_RECORDING_REQUESTED: { transfer: TransferDraft };
  TRANSFER_RECORDED: { transferId: string; transfer: TransferDraft };
  TRANSFER_RECORDING_FAILED: FailedPayload<'TRANSFER_RECORDING_REQUESTED'>;

  TRANSFER_DELETION_REQUESTED: { transferId: string };
  TRANSFER_DELETED: { transferId: string };
  TRANSFER_DELETION_FAILED: FailedPayload<'TRANSFER_DELETION_REQUESTED'>;

  BUDGET_SETTING_REQUESTED: { budget: BudgetDraft };
  BUDGET_SET: { budgetId: string; budget: BudgetDraft; previousAmountMinor: number | null };
  BUDGET_SETTING_FAILED: FailedPayload<'BUDGET_SETTING_REQUESTED'>;

  /** All or nothing: every row is written, or none is (a failure or a cancel rolls back). */
  EXPENSES_IMPORT_REQUESTED: { importId: string; fileName: string; rows: ExpenseDraft[] };
  EXPENSES_IMPORT_PROGRESSED: { importId: string; written: number; total: number };
  EXPENSES_IMPORTED: { importId: string; count: number };
  EXPENSES_IMPORT_FAILED: FailedPayload<'EXPENSES_IMPORT_REQUESTED'> & { rolledBack: boolean };
  EXPENSES_IMPORT_CANCELLATION_REQUESTED: { importId: string };

  /** Saves import rules in one batch: `ruleId` null makes a new rule (or updates the one with the same pattern). */
  IMPORT_RULES_SAVING_REQUESTED: { rules: { ruleId: string | null; rule: ImportRuleDraft }[] };
  IMPORT_RULES_SAVED: { ruleIds: string[] };
  IMPORT_RULES_SAVING_FAILED: FailedPayload<'IMPORT_RULES_SAVING_REQUESTED'>;

  IMPORT_RULE_DELETION_REQUESTED: { ruleId: string };
  IMPORT_RULE_DELETED: { ruleId: string };
  IMPORT_RULE_DELETION_FAILED: FailedPayload<'IMPORT_RULE_DELETION_REQUESTED'>;

  ORDER_STATUS_CHANGE_REQUESTED: { orderId: string; from: OrderStatus; to: OrderStatus };
  ORDER_STATUS_CHANGED: { orderId: string; previousStatus: OrderStatus; newStatus: OrderStatus; updatedAt: string };
  ORDER_STATUS_CHANGE_FAILED: FailedPayload<'ORDER_STATUS_CHANGE_REQUESTED'>;
  /**
   * An order reached a final status (served, delivered, cancelled, failed), moved by anyone: the
   * orders feature puts it on the bus as the server's event arrives, for other features to follow.
   */
  ORDER_FINISHED: { orderId: string; status: OrderStatus; finishedAt: string };
  /** The reports feature could not take a finished order into account (its figures may lag). */
  SALES_FIGURES_UPDATE_FAILED: FailedPayload<'ORDER_FINISHED'>;

  /** Customer name, notes, table: shown at once, put back if the API refuses. */
  ORDER_DETAILS_UPDATE_REQUESTED: { orderId: string; patch: UpdateOrderRequest };
  ORDER_DETAILS_UPDATED: { orderId: string; changedFields: string[]; version: number };
  ORDER_DETAILS_UPDATE_FAILED: FailedPayload<'ORDER_DETAILS_UPDATE_REQUESTED'>;

  /** A dish added to a placed order (its stock reserved, a higher total authorized on the card). */
  ORDER_ITEM_ADDITION_REQUESTED: { orderId: string; item: OrderItemRequest };
  ORDER_ITEM_ADDED: { orderId: string; item: OrderItem; version: number };
  ORDER_ITEM_ADDITION_FAILED: FailedPayload<'ORDER_ITEM_ADDITION_REQUESTED'>;

  /** A line's quantity or instructions: shown at once, put back if the API refuses. */
  ORDER_ITEM_UPDATE_REQUESTED: { orderId: string; itemId: string; patch: UpdateOrderItemRequest };
  ORDER_ITEM_UPDATED: { orderId: string; item: OrderItem; version: number };
  ORDER_ITEM_UPDATE_FAILED: FailedPayload<'ORDER_ITEM_UPDATE_REQUESTED'>;

  ORDER_ITEM_REMOVAL_REQUESTED: { orderId: string; itemId: string };
  ORDER_ITEM_REMOVED: { orderId: string; itemId: string; version: number };
  ORDER_ITEM_REMOVAL_FAILED: FailedPayload<'ORDER_ITEM_REMOVAL_REQUESTED'>;

  ORDER_DELETION_REQUESTED: { orderId: string };
  ORDER_DELETED: { orderId: string; version: number };
  ORDER_DELETION_FAILED: FailedPayload<'ORDER_DELETION_REQUESTED'>;

  /** One change to the menu through the API (admins; staff may only 86 a dish and back). */
  MENU_CHANGE_REQUESTED: { change: MenuChange };
  MENU_CHANGED: { change: MenuChange; result: MenuChangeResult };
  MENU_CHANGE_FAILED: FailedPayload<'MENU_CHANGE_REQUESTED'>;
}

export type EventType = keyof EventCatalog;

/** The failure event of each event an orchestrator handles: one place, checked below. */
export const FAILURE_EVENTS = {
  ACCOUNT_CREATION_REQUESTED: 'ACCOUNT_CREATION_FAILED',
  ACCOUNT_UPDATE_REQUESTED: 'ACCOUNT_UPDATE_FAILED',
  CATEGORY_CREATION_REQUESTED: 'CATEGORY_CREATION_FAILED',
  CATEGORY_UPDATE_REQUESTED: 'CATEGORY_UPDATE_FAILED',
  CATEGORY_DELETION_REQUESTED: 'CATEGORY_DELETION_FAILED',
  EXPENSE_RECORDING_REQUESTED: 'EXPENSE_RECORDING_FAILED',
  EXPENSE_UPDATE_REQUESTED: 'EXPENSE_UPDATE_FAILED',
  EXPENSE_DELETION_REQUESTED: 'EXPENSE_DELETION_FAILED',
  EXPENSE_RESTORATION_REQUESTED: 'EXPENSE_RESTORATION_FAILED',
  EXPENSES_IMPORT_UNDO_REQUESTED: 'EXPENSES_IMPORT_UNDO_FAILED',
  DUPLICATES_MERGE_REQUESTED: 'DUPLICATES_MERGE_FAILED',
  TRANSFER_RECORDING_REQUESTED: 'TRANSFER_RECORDING_FAILED',
  TRANSFER_DELETION_REQUESTED: 'TRANSFER_DELETION_FAILED',
  BUDGET_SETTING_REQUESTED: 'BUDGET_SETTING_FAILED',
  EXPENSES_IMPORT_REQUESTED: 'EXPENSES_IMPORT_FAILED',
  IMPORT_RULES_SAVING_REQUESTED: 'IMPORT_RULES_SAVING_FAILED',
  IMPORT_RULE_DELETION_REQUESTED: 'IMPORT_RULE_DELETION_FAILED',
  ORDER_STATUS_CHANGE_REQUESTED: 'ORDER_STATUS_CHANGE_FAILED',
  ORDER_DETAILS_UPDATE_REQUESTED: 'ORDER_DETAILS_UPDATE_FAILED',
  ORDER_ITEM_ADDITION_REQUESTED: 'ORDER_ITEM_ADDITION_FAILED',
  ORDER_ITEM_UPDATE_REQUESTED: 'ORDER_ITEM_UPDATE_FAILED',
  ORDER_ITEM_REMOVAL_REQUESTED: 'ORDER_ITEM_REMOVAL_FAILED',
  ORDER_DELETION_REQUESTED: 'ORDER_DELETION_FAILED',
  MENU_CHANGE_REQUESTED: 'MENU_CHANGE_FAILED',
  ORDER_FINISHED: 'SALES_FIGURES_UPDATE_FAILED',
} as const satisfies Partial<Record<EventType, FailureEventType>>;

/** Event types an orchestrator may handle: those with a declared failure event. */
export type HandledEventType = keyof typeof FAILURE_EVENTS;
export type FailureEventType = { [K in EventType]: K extends `${string}_FAILED` ? K : never }[EventType];

// A failure event's payload must describe the event it is the failure of: a compile error here
// names each event whose failure does not (a type: nothing of it runs).
type MismatchedFailures = {
  [K in HandledEventType]: EventCatalog[(typeof FAILURE_EVENTS)[K]] extends FailedPayload<K> ? never : K;
}[HandledEventType];
type NoneOf<T extends never> = T;
export type FailureEventsMatch = NoneOf<MismatchedFailures>;

export const EVENT_SCHEMA_VERSION = 1;

// ----- making events -----

export interface EventSources {
  /** Current time. */
  now: () => Date;
  /** A new unique id. */
  newId: () => string;
}

export interface EventContext {
  actor: Actor;
  correlationId?: string;
}

/** Builds envelopes with injected time and ids, so tests and replays are deterministic. */
export function createEventFactory(sources: EventSources) {
  function create<K extends EventType>(type: K, payload: EventCatalog[K], context: EventContext): DomainEvent<K> {
    const id = sources.newId();
    return {
      id,
      type,
      version: EVENT_SCHEMA_VERSION,
      payload,
      occurredAt: sources.now().toISOString(),
      correlationId: context.correlationId ?? id,
      actor: context.actor,
    };
  }
  /** An event caused by another: same workflow (correlation) and actor, caused by `cause`. */
  function follow<K extends EventType>(cause: DomainEvent, type: K, payload: EventCatalog[K]): DomainEvent<K> {
    return { ...create(type, payload, { actor: cause.actor, correlationId: cause.correlationId }), causationId: cause.id };
  }
  return { create, follow };
}

export type EventFactory = ReturnType<typeof createEventFactory>;

/** Reduces anything thrown to a serializable cause. */
export function toFailureCause(error: unknown): FailureCause {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? { message: error.message, code } : { message: error.message };
  }
  if (typeof error === 'string') return { message: error };
  return { message: 'Unknown error' };
}
