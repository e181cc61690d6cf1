import { isIP } from 'node:net';

/**
 * Where an endpoint may point: http(s) only, and in production no loopback, private or
 * link-local address (SSRF), so a customer cannot make the platform call its own network.
 * Development allows them, so tests and a local receiver can use loopback. Answers why
 * not, or undefined when the URL is fine.
 */
export function endpointUrlProblem(text: string, production: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'url is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url must be http or https';
  if (url.username || url.password) return 'url must not carry credentials';
  if (production && isInternalHost(url.hostname)) return 'url must not point to a loopback, private or link-local address';
  return undefined;
}

function isInternalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local')) return true;
  return isInternalAddress(host);
}

/** Whether an IP address (v4, or v6 as URL or DNS write it) is loopback, private, link-local or unspecified. */
export function isInternalAddress(address: string): boolean {
  const host = address.toLowerCase();
  if (isIP(host) === 4) return isInternalIpv4(host);
  if (isIP(host) === 6) {
    // An IPv4-mapped address, as DNS (`::ffff:127.0.0.1`) or URL (`::ffff:7f00:1`) writes it.
    const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (dotted?.[1]) return isInternalIpv4(dotted[1]);
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
    if (mapped) {
      const [high, low] = [parseInt(mapped[1] ?? '0', 16), parseInt(mapped[2] ?? '0', 16)];
      return isInternalIpv4(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
    }
    return host === '::1' || host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
  }
  return false;
}

function isInternalIpv4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}
