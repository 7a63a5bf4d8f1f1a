/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (how Node reports an IPv4 peer on a dual-stack socket). */
const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * The address a handshake limit counts, as REST's `trust proxy: 'loopback'` sees a request: a proxy on this
 * host (nginx, deploy/nginx/with-me.conf) is trusted to name the client in X-Forwarded-For, and the rightmost
 * address there that is not loopback is the client (earlier ones are the client's own claims). A peer that is
 * not loopback is the client itself, whatever it sends, so the header cannot be forged from outside.
 */
export function clientAddress(peer: string, forwardedFor: string | string[] | undefined): string {
  if (!LOOPBACK.test(peer) || forwardedFor === undefined) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  let address = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    address = hops[i]!;
    if (!LOOPBACK.test(address)) break;
  }
  return address;
}
