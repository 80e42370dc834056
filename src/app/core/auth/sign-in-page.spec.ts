import { safeReturnUrl } from './sign-in-page';

describe('safeReturnUrl', () => {
  it('returns to a page inside the app', () => {
    expect(safeReturnUrl('/expenses?month=2026-11')).toBe('/expenses?month=2026-11');
  });

  it('refuses other sites, protocol-relative links and missing values', () => {
    expect(safeReturnUrl('https://evil.test/')).toBe('/orders');
    expect(safeReturnUrl('//evil.test/')).toBe('/orders');
    expect(safeReturnUrl(null)).toBe('/orders');
    expect(safeReturnUrl('')).toBe('/orders');
  });

  it('does not loop back to the sign-in page', () => {
    expect(safeReturnUrl('/sign-in?returnUrl=%2Forders')).toBe('/orders');
  });
});
