import { describe, expect, it } from 'vitest';
import { destinationProblem, nonPublicAddress } from '../../src/webhooks/destinations.js';

describe('webhook destinations', () => {
  it.each([
    { case: 'a public https URL', url: 'https://hooks.example.com/screening', problem: null },
    { case: 'a public address literal', url: 'https://93.184.216.34/hook', problem: null },
    { case: 'plain http', url: 'http://hooks.example.com/', problem: 'must be an https URL (plain http only with WEBHOOK_ALLOW_PRIVATE=true)' },
    { case: 'another scheme', url: 'ftp://hooks.example.com/', problem: 'must be an https URL (plain http only with WEBHOOK_ALLOW_PRIVATE=true)' },
    { case: 'not a URL', url: 'hooks.example.com/x', problem: 'is not an absolute URL' },
    { case: 'loopback', url: 'https://127.0.0.1:8443/', problem: 'must not point to a loopback address (127.0.0.1) unless WEBHOOK_ALLOW_PRIVATE=true' },
    { case: 'localhost by name', url: 'https://localhost/', problem: 'must not point to a loopback address (localhost) unless WEBHOOK_ALLOW_PRIVATE=true' },
    { case: 'the cloud metadata address', url: 'https://169.254.169.254/latest', problem: 'must not point to a link-local address (169.254.169.254) unless WEBHOOK_ALLOW_PRIVATE=true' },
    { case: 'a private network', url: 'https://10.1.2.3/', problem: 'must not point to a private address (10.1.2.3) unless WEBHOOK_ALLOW_PRIVATE=true' },
    { case: 'IPv6 loopback', url: 'https://[::1]/', problem: 'must not point to a loopback address (::1) unless WEBHOOK_ALLOW_PRIVATE=true' },
    { case: 'IPv4-mapped IPv6 loopback', url: 'https://[::ffff:127.0.0.1]/', problem: 'must not point to a loopback address (::ffff:7f00:1) unless WEBHOOK_ALLOW_PRIVATE=true' },
    { case: 'credentials in the URL', url: 'https://user:pw@hooks.example.com/', problem: 'must not carry a user name or password' },
  ])('without WEBHOOK_ALLOW_PRIVATE: $case', ({ url, problem }) => {
    expect(destinationProblem(url, false)).toBe(problem);
  });

  it.each([
    { case: 'plain http to loopback', url: 'http://127.0.0.1:9000/hook', problem: null },
    { case: 'a private network over https', url: 'https://192.168.1.10/', problem: null },
    { case: 'still no other scheme', url: 'ftp://127.0.0.1/', problem: 'must be an http or https URL' },
  ])('with WEBHOOK_ALLOW_PRIVATE: $case', ({ url, problem }) => {
    expect(destinationProblem(url, true)).toBe(problem);
  });

  it.each([
    ['8.8.8.8', null],
    ['172.15.255.255', null],
    ['172.16.0.1', 'a private address'],
    ['100.64.0.1', 'a shared (carrier-grade NAT) address'],
    ['0.0.0.0', 'an unspecified address'],
    ['2606:4700::1111', null],
    ['fd12:3456::1', 'a private (unique local) address'],
    ['fe80::1', 'a link-local address'],
    ['::ffff:10.0.0.1', 'a private address'],
    ['64:ff9b::a9fe:a9fe', 'a link-local address'],
  ])('classifies %s as %s', (address, kind) => {
    expect(nonPublicAddress(address)).toBe(kind);
  });
});
