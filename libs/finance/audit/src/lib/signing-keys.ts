import { createPrivateKey, createPublicKey, generateKeyPairSync, hash, type KeyObject } from 'node:crypto';

/** A fresh Ed25519 key pair as PEM (private: PKCS#8, public: SPKI). */
export function generateSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/** The signing key from PEM text; refuses anything but Ed25519. */
export function signingKeyFromPem(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`the audit signing key must be Ed25519, got ${key.asymmetricKeyType ?? 'unknown'}`);
  return key;
}

/** A public key from PEM (SPKI), or the public half of a private key's PEM. */
export function verifyingKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`the audit verifying key must be Ed25519, got ${key.asymmetricKeyType ?? 'unknown'}`);
  return key;
}

/** SHA-256 of the public key's DER: names the key a checkpoint was signed with. */
export function keyFingerprint(publicKey: KeyObject): string {
  return hash('sha256', publicKey.export({ format: 'der', type: 'spki' }), 'hex');
}
