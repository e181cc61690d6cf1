import { endpointUrlProblem, isInternalAddress } from './endpoint-urls';

describe('endpoint URLs (SSRF)', () => {
  it.each(['http://127.0.0.1:8080/h', 'http://localhost/h', 'https://10.1.2.3/', 'https://172.20.0.1/', 'https://192.168.1.1/', 'http://169.254.169.254/latest', 'http://[::1]/', 'http://[fd00::1]/', 'http://[::ffff:127.0.0.1]/'])(
    'in production, %s is refused',
    (url) => expect(endpointUrlProblem(url, true)).toBe('url must not point to a loopback, private or link-local address'),
  );

  it('in development, loopback is allowed (tests and local receivers); a public https URL is fine anywhere', () => {
    expect(endpointUrlProblem('http://127.0.0.1:8080/h', false)).toBeUndefined();
    expect(endpointUrlProblem('https://hooks.example.com/billing', true)).toBeUndefined();
  });

  it('only http(s), no credentials in the URL', () => {
    expect(endpointUrlProblem('ftp://example.com/', false)).toBe('url must be http or https');
    expect(endpointUrlProblem('https://user:pw@example.com/', false)).toBe('url must not carry credentials');
    expect(endpointUrlProblem('not a url', false)).toBe('url is not a URL');
  });

  it('an address as DNS answers it: loopback, private, link-local and IPv4-mapped ones are internal, public ones are not', () => {
    expect(['127.0.0.1', '::1', '10.0.0.7', '169.254.169.254', 'fe80::1', '::ffff:127.0.0.1', '::ffff:192.168.0.1'].filter((a) => !isInternalAddress(a))).toEqual([]);
    expect(['93.184.216.34', '2606:2800:220:1::1', '::ffff:93.184.216.34'].filter(isInternalAddress)).toEqual([]);
  });
});
