import { ICE_POLICY_KEY, iceTransportPolicy } from './ice-policy';

const storage = (value: string | null) => ({ getItem: (key: string) => (key === ICE_POLICY_KEY ? value : null) });

describe('iceTransportPolicy', () => {
  it('is relay only when the setting says so, and all otherwise', () => {
    expect(iceTransportPolicy(storage('relay'))).toBe('relay');
    expect(iceTransportPolicy(storage(null))).toBe('all');
    expect(iceTransportPolicy(storage('all'))).toBe('all');
    expect(iceTransportPolicy(storage('RELAY'))).toBe('all');
  });
});
