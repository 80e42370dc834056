import { accountNameClaimPath, comparableName, nameKey } from '@maestro/contracts';

// The key a name is claimed under (contracts/unique-names.ts), as the rules check it
// (test/rules/name-keys.rules.test.ts): every letter lowered, one letter at a time.
describe('nameKey', () => {
  it('lowers letters beyond A–Z, so “CAFÉ” is “Café”', () => {
    expect(nameKey('CAFÉ')).toBe('café');
    expect(nameKey('ÜBER  Grill ')).toBe('über grill');
    expect(comparableName('CAFÉ')).toBe(comparableName('Café'));
    expect(accountNameClaimPath('USD', 'CAFÉ')).toBe('accountNames/USD:café');
  });

  it('keeps the dotted İ (its lowercase is two letters) and writes the final ς as σ', () => {
    expect(nameKey('İSTANBUL')).toBe('İstanbul');
    expect(nameKey('ΣΟΦΙΑΣ')).toBe('σοφιασ');
    expect(nameKey('σοφιας')).toBe('σοφιασ');
  });

  it('escapes what a document id cannot hold, after lowering', () => {
    expect(nameKey('Food/Drinks 100%')).toBe('food%2Fdrinks 100%25');
    expect(nameKey('Back\\Slash')).toBe('back%5Cslash');
  });
});
