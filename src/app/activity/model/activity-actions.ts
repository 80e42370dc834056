import { LEDGER_AUDIT_ACTIONS, MERGE_ACTIONS, ORDER_ACTIONS, SAGA_ACTIONS, type EventType } from '@maestro/contracts';

// The actions the log records, for the filter's suggestions. The expense events are checked
// against the event catalog: a renamed event does not compile here.

const EXPENSE_ACTIONS = [
  'ACCOUNT_CREATED',
  'ACCOUNT_UPDATED',
  'CATEGORY_CREATED',
  'CATEGORY_UPDATED',
  'CATEGORY_DELETED',
  'EXPENSE_RECORDED',
  'EXPENSE_UPDATED',
  'EXPENSE_DELETED',
  'EXPENSE_RESTORED',
  'TRANSFER_RECORDED',
  'TRANSFER_DELETED',
  'BUDGET_SET',
  'EXPENSES_IMPORTED',
] as const satisfies readonly EventType[];

const SAGA_ACTION_NAMES = Object.values(SAGA_ACTIONS).flatMap((step) => [step.done, step.failed, step.compensated ?? []].flat());

export const KNOWN_ACTIONS: readonly string[] = [
  ...new Set([...EXPENSE_ACTIONS, ...Object.values(LEDGER_AUDIT_ACTIONS), ...Object.values(MERGE_ACTIONS).flatMap((a) => Object.values(a)), ...Object.values(ORDER_ACTIONS), ...SAGA_ACTION_NAMES]),
].sort();

/** Words people use for a few actions whose name reads oddly; the rest in sentence case. */
const ACTION_WORDS: Record<string, string> = {
  [ORDER_ACTIONS.created]: 'Order placed',
  [ORDER_ACTIONS.updated]: 'Order details changed',
  [ORDER_ACTIONS.paymentReauthorized]: 'Order extra payment authorized',
  [ORDER_ACTIONS.paymentReauthorizationDeclined]: 'Order extra payment declined',
  [ORDER_ACTIONS.paymentReauthorizationVoided]: 'Order extra payment released',
  BUDGET_SET: 'Budget set',
  [LEDGER_AUDIT_ACTIONS.budgetRemoved]: 'Budget removed',
  [LEDGER_AUDIT_ACTIONS.importChunkWritten]: 'Import rows written',
  [LEDGER_AUDIT_ACTIONS.importRolledBack]: 'Import rolled back',
  [MERGE_ACTIONS.account.merged]: 'Duplicate accounts merged',
  [MERGE_ACTIONS.account.chunkWritten]: 'Account merge moves written',
  [MERGE_ACTIONS.account.rolledBack]: 'Account merge rolled back',
  [MERGE_ACTIONS.category.merged]: 'Duplicate categories merged',
  [MERGE_ACTIONS.category.chunkWritten]: 'Category merge moves written',
  [MERGE_ACTIONS.category.rolledBack]: 'Category merge rolled back',
};

/** "ORDER_STATUS_CHANGED" → "Order status changed" (with "Preparing → Ready" when the change says so). */
export function actionWords(action: string, changes: Record<string, { from: unknown; to: unknown }> = {}): string {
  const words = ACTION_WORDS[action] ?? sentenceCase(action);
  const status = changes['status'];
  if (action === ORDER_ACTIONS.statusChanged && status) return `${words}: ${statusWord(status.from)} → ${statusWord(status.to)}`;
  return words;
}

export function sentenceCase(text: string): string {
  const words = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function statusWord(value: unknown): string {
  return typeof value === 'string' && value ? sentenceCase(value) : '—';
}

/** What was typed in the action filter as the stored name: "expense recorded" → EXPENSE_RECORDED. */
export function actionFromInput(typed: string): string | null {
  const text = typed.trim();
  if (!text) return null;
  const code = text.toUpperCase().replace(/\s+/g, '_');
  const known = KNOWN_ACTIONS.find((action) => action === code || actionWords(action).toLowerCase() === text.toLowerCase());
  return known ?? code;
}
