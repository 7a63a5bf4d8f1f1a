import { icePolicyFrom } from './ice-policy';

describe('icePolicyFrom', () => {
  it('is relay only when the setting says exactly so, and all otherwise', () => {
    expect(icePolicyFrom('relay')).toBe('relay');
    expect(icePolicyFrom(null)).toBe('all');
    expect(icePolicyFrom('all')).toBe('all');
    expect(icePolicyFrom('RELAY')).toBe('all');
    expect(icePolicyFrom('')).toBe('all');
  });
});
