import { parseTrustProxy } from './trust-proxy.js';

describe('parseTrustProxy', () => {
  it.each([
    ['', false],
    ['false', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['loopback', 'loopback'],
    ['10.0.0.0/8,  192.168.1.4', '10.0.0.0/8, 192.168.1.4'],
    ['loopback, fd00::/8', 'loopback, fd00::/8'],
  ])('%j → %j', (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual(expected);
  });

  it.each(['true', 'yes', '10.0.0.0/33', 'proxy.example', '11', '10.0.0.1/8/2'])('%j is refused', (raw) => {
    expect(parseTrustProxy(raw)).toBeNull();
  });
});
