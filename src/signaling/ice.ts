import { createHmac } from 'node:crypto';
import type { Config } from '../config';
import type { IceServer } from '../contract/events';

/**
 * ICE servers for one user: the configured list, plus short-lived TURN credentials in the coturn REST
 * scheme (`use-auth-secret`) when TURN_SECRET is set, so no long-lived TURN password reaches a browser.
 */
export function iceServersFor(ice: Config['ice'], userId: number, nowMs: number): IceServer[] {
  if (!ice.turnSecret || ice.turnUrls.length === 0) return [...ice.servers];
  const expiry = Math.floor(nowMs / 1000) + ice.turnTtlSeconds;
  const username = `${expiry}:${userId}`;
  const credential = createHmac('sha1', ice.turnSecret).update(username).digest('base64');
  return [...ice.servers, { urls: [...ice.turnUrls], username, credential }];
}
