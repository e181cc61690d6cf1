import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isInternalAddress } from './endpoint-urls';

/**
 * The DNS lookup a production delivery connects through: every address the name resolves
 * to must be public, and the socket connects to the address checked here, so a name that
 * passed at registration and resolves to a private address now (DNS rebinding) is refused.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '');
    const internal = addresses.find((found) => isInternalAddress(found.address));
    if (internal) return callback(Object.assign(new Error(`${hostname} resolves to ${internal.address}, a loopback, private or link-local address`), { code: 'EPRIVATEADDRESS' }), '');
    if (options.all) return callback(null, addresses);
    const [first] = addresses;
    return first ? callback(null, first.address, first.family) : callback(Object.assign(new Error(`${hostname} resolves to no address`), { code: 'ENOTFOUND' }), '');
  });
};
