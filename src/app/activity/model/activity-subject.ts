import type { ActivitySubjectType } from '@maestro/contracts';
import { accountName, categoryName, memberName, type NameBook } from './activity-names';

const SUBJECT_WORDS: Record<ActivitySubjectType, string> = {
  order: 'Order',
  expense: 'Expense',
  account: 'Account',
  category: 'Category',
  transfer: 'Transfer',
  budget: 'Budget',
  import: 'Import',
  importRule: 'Import rule',
  user: 'Team member',
  menuItem: 'Dish',
  menuCategory: 'Menu category',
  settings: 'Settings',
};

/**
 * Where a subject is shown. Orders have their own page; the expense screens have no page per
 * expense, account or category, so those link to the list that shows them.
 */
const SUBJECT_PAGES: Record<ActivitySubjectType, (id: string) => string[]> = {
  order: (id) => ['/orders', id],
  expense: () => ['/expenses'],
  account: () => ['/expenses', 'accounts'],
  category: () => ['/expenses', 'categories'],
  transfer: () => ['/expenses', 'transfers'],
  budget: () => ['/expenses', 'budgets'],
  import: () => ['/expenses', 'import'],
  importRule: () => ['/expenses', 'import', 'rules'],
  user: () => ['/team'],
  menuItem: () => ['/menu'],
  menuCategory: () => ['/menu'],
  settings: () => ['/menu'],
};

// Own entries only: a subject type read from the log may be any text, "constructor" included.
const isKnown = (type: string): type is ActivitySubjectType => Object.hasOwn(SUBJECT_WORDS, type);

export function subjectWords(type: string): string {
  return isKnown(type) ? SUBJECT_WORDS[type] : type;
}

/** Router commands for the subject's page, null for a type the app has no page for. */
export function subjectLink(subject: { type: string; id: string }): string[] | null {
  return isKnown(subject.type) ? SUBJECT_PAGES[subject.type](subject.id) : null;
}

/** The subject as people know it: an account's or category's name, a member's, a budget's category and currency, an import's file; the id otherwise. */
export function subjectName(subject: { type: string; id: string }, names: NameBook): string {
  switch (subject.type) {
    case 'account':
      return accountName(names, subject.id);
    case 'category':
      return categoryName(names, subject.id);
    case 'user':
      return memberName(names, subject.id) ?? subject.id;
    case 'budget': {
      const [, categoryId, currency] = /^(.+)_([A-Z]{3})$/.exec(subject.id) ?? [];
      return categoryId && currency ? `${categoryName(names, categoryId)} (${currency})` : subject.id;
    }
    case 'import':
      // People know an import by its file; its id only tells two imports of one file apart.
      return names.importFiles?.get(subject.id) ?? subject.id;
    default:
      return subject.id;
  }
}
