import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it('when the peer is not loopback, it is the client, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1')).toBe('203.0.113.7');
    expect(clientAddress('::ffff:203.0.113.7', undefined)).toBe('::ffff:203.0.113.7');
  });

  it('when a proxy on loopback forwards, the rightmost address that is not loopback is the client', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.1')).toBe('198.51.100.1');
    expect(clientAddress('::ffff:127.0.0.1', 'forged, 198.51.100.1')).toBe('198.51.100.1');
    expect(clientAddress('::1', ['forged', '198.51.100.1, 127.0.0.1'])).toBe('198.51.100.1');
  });

  it('when every hop is loopback, the leftmost one is; without the header, the peer is', () => {
    expect(clientAddress('127.0.0.1', '127.0.0.5, 127.0.0.1')).toBe('127.0.0.5');
    expect(clientAddress('127.0.0.1', undefined)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', ' , ')).toBe('127.0.0.1');
  });
});
