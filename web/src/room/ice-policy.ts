/**
 * Which ICE candidates this browser may use. `relay` forces every call through the TURN server, as on a
 * network where nothing else gets through; it is off unless set (tests and support staff turn it on with
 * `localStorage.setItem('with-me:ice-transport-policy', 'relay')`).
 */
export const ICE_POLICY_KEY = 'with-me:ice-transport-policy';

/** The policy a stored setting asks for: only the exact word `relay` turns relay-only on. */
export function icePolicyFrom(stored: string | null): 'relay' | 'all' {
  return stored === 'relay' ? 'relay' : 'all';
}
