// Account names unique per currency, category names under one parent (issue 17): a claim document
// per normalised name, written in the account's or category's own batch. Each case is something a
// member with the browser console, a stranger, or two people at once could try.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { deleteDoc, doc, getDoc, setDoc } from 'firebase/firestore';
import { accountNameClaimPath, categoryNameClaimPath, nameKey } from '../../contracts/unique-names';
import {
  ADMIN,
  OTHER_STAFF,
  STAFF,
  STRANGER,
  assertRefused,
  commitWithEntry,
  dbOf,
  entryData,
  given,
  nameClaim,
  newEntryId,
  now,
  type Member,
  type Op,
} from './audited-writes';
import { useRulesEnvironment } from './rules-env';

const rules = useRulesEnvironment('demo-maestro-unique-names-rules');
const db = (who: Member) => dbOf(rules(), who);

const account = (name: string, currency = 'USD', who = STAFF) => ({
  name,
  type: 'cash',
  currency,
  openingBalanceMinor: 0,
  archived: false,
  createdBy: who.uid,
  createdAt: now(),
});
const category = (name: string, parentId: string | null = null, who = STAFF) => ({ name, colour: '#66bb6a', icon: 'eco', parentId, createdBy: who.uid, createdAt: now() });

/** One batch with its entry about `subject`, as the orchestrators write it. */
function batch(who: Member, ops: Op[], subject: { type: string; id: string }, action: string): Promise<void> {
  const entryId = newEntryId();
  return commitWithEntry(db(who), ops, { id: entryId, data: entryData(who, entryId, subject, action) });
}
const createAccount = (id: string, data: Record<string, unknown>, claims: Op[] = nameClaim(`accounts/${id}`, data), who = STAFF) =>
  batch(who, [{ kind: 'set', path: `accounts/${id}`, data }, ...claims], { type: 'account', id }, 'ACCOUNT_CREATED');
const renameAccount = (id: string, name: string, currency: string, claims: Op[], who = STAFF) =>
  batch(
    who,
    [{ kind: 'update', path: `accounts/${id}`, data: { name, updatedBy: who.uid, updatedAt: now() } }, ...claims],
    { type: 'account', id },
    'ACCOUNT_UPDATED',
  );
const createCategory = (id: string, data: Record<string, unknown>, claims: Op[] = nameClaim(`categories/${id}`, data), who = STAFF) =>
  batch(who, [{ kind: 'set', path: `categories/${id}`, data }, ...claims], { type: 'category', id }, 'CATEGORY_CREATED');

const claimOf = (path: string) => (collection: 'accounts' | 'categories', id: string): Op => ({
  kind: 'set',
  path,
  data: collection === 'accounts' ? { accountId: id } : { categoryId: id },
});
const deleteOp = (path: string): Op => ({ kind: 'delete', path });

describe('account names', () => {
  beforeEach(() => createAccount('till', account('Cash register')).then(() => undefined));

  test('a second account of the same name in the same currency is refused, written straight to Firestore', async () => {
    for (const name of ['Cash register', 'cash  REGISTER', ' Cash register ', 'Cash\u00a0register', 'CASH\tregister']) {
      await assertRefused(createAccount(`dup-${name.length}`, account(name)), `with its claim: “${name}”`);
      await assertRefused(createAccount(`dup-${name.length}`, account(name), []), `without a claim: “${name}”`);
    }
    await assertSucceeds(createAccount('euro', account('Cash register', 'EUR')));
    await assertSucceeds(createAccount('other', account('Cash register 2')));
  });

  test('the claim names its account; the account cannot be created without it', async () => {
    assert.deepEqual((await getDoc(doc(db(STAFF), accountNameClaimPath('USD', 'Cash register')))).data(), { accountId: 'till' });
    await assertRefused(createAccount('bare', account('Bare'), []), 'no claim');
    await assertRefused(
      createAccount('wrong', account('Wrong'), [claimOf(accountNameClaimPath('USD', 'Elsewhere'))('accounts', 'wrong')]),
      'a claim on another name',
    );
    await assertRefused(
      createAccount('mine', account('Mine'), [{ kind: 'set', path: accountNameClaimPath('USD', 'Mine'), data: { accountId: 'mine', junk: 'x'.repeat(1000) } }]),
      'a claim with extra fields',
    );
  });

  test('a claim without its account, or on a name its account does not hold, is refused', async () => {
    await assertFails(setDoc(doc(db(STAFF), accountNameClaimPath('USD', 'Squatted')), { accountId: 'nobody' }));
    await assertFails(setDoc(doc(db(STAFF), accountNameClaimPath('USD', 'Squatted')), { accountId: 'till' }));
    await assertFails(setDoc(doc(db(STAFF), accountNameClaimPath('EUR', 'Cash register')), { accountId: 'till' }));
  });

  test("another account's live claim can be neither taken over nor deleted", async () => {
    await createAccount('mine', account('Mine', 'USD', OTHER_STAFF), undefined, OTHER_STAFF);
    const claim = accountNameClaimPath('USD', 'Cash register');
    await assertFails(setDoc(doc(db(OTHER_STAFF), claim), { accountId: 'mine' }));
    await assertFails(deleteDoc(doc(db(OTHER_STAFF), claim)));
    await assertFails(deleteDoc(doc(db(ADMIN), claim)));
    // Renaming one's own account onto it, dropping the live claim in the same batch: refused too.
    await assertRefused(
      renameAccount('mine', 'Cash register', 'USD', [deleteOp(claim), claimOf(claim)('accounts', 'mine')], OTHER_STAFF),
      'rename onto a taken name, deleting its claim',
    );
  });

  test('a rename needs the new name free and claimed; a case change of its own name needs nothing', async () => {
    await createAccount('card', account('Card'));
    await assertRefused(renameAccount('card', 'CASH REGISTER', 'USD', [claimOf(accountNameClaimPath('USD', 'CASH REGISTER'))('accounts', 'card')]), 'onto a taken name');
    await assertRefused(renameAccount('card', 'Company card', 'USD', []), 'without a claim on the new name');
    await assertSucceeds(renameAccount('till', 'CASH  Register', 'USD', []));
    await assertSucceeds(
      renameAccount('card', 'Company card', 'USD', [claimOf(accountNameClaimPath('USD', 'Company card'))('accounts', 'card'), deleteOp(accountNameClaimPath('USD', 'Card'))]),
    );
    // The old name is free again.
    await assertSucceeds(createAccount('card2', account('card')));
  });

  test('a claim left behind by a rename or a deletion may be cleaned up or taken over', async () => {
    // Renamed without removing its old claim (a script, or the app before claims existed).
    await assertSucceeds(renameAccount('till', 'Front till', 'USD', [claimOf(accountNameClaimPath('USD', 'Front till'))('accounts', 'till')]));
    await assertSucceeds(createAccount('new-till', account('Cash register')));
    await given(rules(), 'accounts/gone', account('Gone'));
    await given(rules(), accountNameClaimPath('USD', 'Gone'), { accountId: 'gone' });
    await rules().withSecurityRulesDisabled((context) => deleteDoc(doc(context.firestore(), 'accounts/gone')));
    await assertSucceeds(deleteDoc(doc(db(OTHER_STAFF), accountNameClaimPath('USD', 'Gone'))));
  });

  test('odd names: a slash and a percent sign are escaped in the key; letters compare without case', async () => {
    await assertSucceeds(createAccount('slash', account('Food/Drinks 100%')));
    assert.equal(accountNameClaimPath('USD', 'Food/Drinks 100%'), 'accountNames/USD:food%2Fdrinks 100%25');
    await assertRefused(createAccount('slash2', account('FOOD/drinks 100%')), 'the same with other case');
    await assertSucceeds(createAccount('cafe', account('Café')));
    await assertRefused(createAccount('cafe2', account('CAFé')), 'A–Z in another case');
    // Other letters than A–Z: the document carries the app's key, which the rules check (name-keys.rules.test.ts).
    await assertSucceeds(createAccount('cafe-eur', { ...account('CAFÉ', 'EUR'), nameKey: nameKey('CAFÉ') }));
    await assertSucceeds(createAccount('nbsp-eur', account('Petty\u00a0 cash ', 'EUR')));
    await assertRefused(createAccount('long', account('x'.repeat(61))), 'over 60 characters');
    await assertRefused(createAccount('empty', account('')), 'empty');
  });

  test('two people creating the same name at once: exactly one gets it', async () => {
    const outcomes = await Promise.allSettled([
      createAccount('race-a', account('Bar tab')),
      createAccount('race-b', account('bar TAB', 'USD', OTHER_STAFF), undefined, OTHER_STAFF),
    ]);
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1, JSON.stringify(outcomes.map((o) => o.status)));
    // The loser's batch left nothing: no second account of that name.
    const written = await Promise.all(['race-a', 'race-b'].map((id) => getDoc(doc(db(STAFF), `accounts/${id}`))));
    assert.equal(written.filter((snapshot) => snapshot.exists()).length, 1);
  });

  test('a stranger reads and writes no claim', async () => {
    await assertFails(getDoc(doc(db(STRANGER), accountNameClaimPath('USD', 'Cash register'))));
    await assertFails(createAccount('s1', account('Stranger', 'USD', STRANGER), undefined, STRANGER));
    await assertFails(deleteDoc(doc(db(STRANGER), accountNameClaimPath('USD', 'Cash register'))));
  });
});

describe('category names', () => {
  beforeEach(async () => {
    await createCategory('ingredients', category('Ingredients'));
    await createCategory('produce', category('Produce', 'ingredients'));
  });

  test('unique under one parent, free under another', async () => {
    await assertRefused(createCategory('produce2', category('produce ', 'ingredients')), 'same parent, with its claim');
    await assertRefused(createCategory('produce2', category('PRODUCE', 'ingredients'), []), 'same parent, without a claim');
    await assertRefused(createCategory('ingredients2', category('ingredients')), 'top level');
    await assertSucceeds(createCategory('produce-top', category('Produce')));
    await assertSucceeds(createCategory('produce-rent', category('Produce', 'produce-top')));
  });

  test('moving under a parent where the name is taken is refused; elsewhere it carries its claim', async () => {
    await createCategory('loose', category('Produce'));
    const move = (parentId: string | null, claims: Op[]) =>
      batch(
        STAFF,
        [{ kind: 'update', path: 'categories/loose', data: { parentId, updatedBy: STAFF.uid, updatedAt: now() } }, ...claims],
        { type: 'category', id: 'loose' },
        'CATEGORY_UPDATED',
      );
    await assertRefused(move('ingredients', [claimOf(categoryNameClaimPath('ingredients', 'Produce'))('categories', 'loose')]), 'into a taken name');
    await createCategory('rent', category('Rent'));
    await assertRefused(move('rent', []), 'without a claim under the new parent');
    await assertSucceeds(move('rent', [claimOf(categoryNameClaimPath('rent', 'Produce'))('categories', 'loose'), deleteOp(categoryNameClaimPath(null, 'Produce'))]));
  });

  test("a live category claim is nobody's to take or delete; a deleted category's is", async () => {
    const claim = categoryNameClaimPath('ingredients', 'Produce');
    await assertFails(deleteDoc(doc(db(OTHER_STAFF), claim)));
    await assertFails(setDoc(doc(db(OTHER_STAFF), claim), { categoryId: 'ingredients' }));
    await assertFails(setDoc(doc(db(STAFF), categoryNameClaimPath(null, 'Ghost')), { categoryId: 'ghost' }));
    await rules().withSecurityRulesDisabled((context) => deleteDoc(doc(context.firestore(), 'categories/produce')));
    await assertSucceeds(deleteDoc(doc(db(OTHER_STAFF), claim)));
    await assertFails(getDoc(doc(db(STRANGER), categoryNameClaimPath(null, 'Ingredients'))));
  });
});
