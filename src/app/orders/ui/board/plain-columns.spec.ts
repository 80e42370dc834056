import { plainColumnsRequested } from './plain-columns';

describe('plainColumnsRequested (the order board bench baseline)', () => {
  const development = { production: false };
  const production = { production: true };

  it('renders plain columns in a non-production build asked with ?scroll=plain', () => {
    expect(plainColumnsRequested(development, '?scroll=plain')).toBeTrue();
    expect(plainColumnsRequested(development, '?type=delivery&scroll=plain')).toBeTrue();
  });

  it('keeps virtual scrolling in production builds, whatever the address says', () => {
    expect(plainColumnsRequested(production, '?scroll=plain')).toBeFalse();
  });

  it('keeps virtual scrolling without the parameter, with another value, or without an environment', () => {
    expect(plainColumnsRequested(development, '')).toBeFalse();
    expect(plainColumnsRequested(development, '?scroll=virtual')).toBeFalse();
    expect(plainColumnsRequested(development, '?scroll=PLAIN')).toBeFalse();
    expect(plainColumnsRequested(null, '?scroll=plain')).toBeFalse();
  });
});
