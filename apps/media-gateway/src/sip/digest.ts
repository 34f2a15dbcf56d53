import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * SIP credentials and HTTP Digest (RFC 2617/8760, MD5 with qop=auth: what SIP.js speaks).
 *
 * Credentials are short-lived and stateless, issued by the server to a logged-in user:
 * the authorisation username is `<expiry unix seconds>.<sip user>` and the password is an
 * HMAC of it under a secret the server and gateway share. The gateway checks them without a
 * database, an expired one simply stops working, and a leaked one dies by itself.
 */
export interface SipCredential {
  sipUser: string;
  authorizationUsername: string;
  password: string;
  expiresAt: Date;
}

export function mintCredential(secret: string, sipUser: string, ttlSeconds: number, nowMs = Date.now()): SipCredential {
  const expiry = Math.floor(nowMs / 1000) + ttlSeconds;
  const authorizationUsername = `${expiry}.${sipUser}`;
  return { sipUser, authorizationUsername, password: passwordFor(secret, authorizationUsername), expiresAt: new Date(expiry * 1000) };
}

function passwordFor(secret: string, authorizationUsername: string): string {
  return createHmac('sha256', secret).update(`sip-credential:${authorizationUsername}`).digest('base64url');
}

/** The SIP user a still-valid authorisation username stands for, or null. */
export function credentialUser(authorizationUsername: string, nowMs = Date.now()): { sipUser: string } | null {
  const match = /^(\d{9,12})\.(.+)$/.exec(authorizationUsername);
  if (!match || Number(match[1]) * 1000 <= nowMs) return null;
  return { sipUser: match[2]! };
}

/** Nonces carry their own issue time and MAC, so any gateway process can check them. */
export function mintNonce(secret: string, nowMs = Date.now()): string {
  const issued = Math.floor(nowMs / 1000).toString(36);
  return `${issued}.${createHmac('sha256', secret).update(`nonce:${issued}`).digest('base64url').slice(0, 22)}`;
}

export type NonceVerdict = 'valid' | 'stale' | 'invalid';

export function checkNonce(secret: string, nonce: string, maxAgeSeconds: number, nowMs = Date.now()): NonceVerdict {
  const [issued, mac] = nonce.split('.');
  if (!issued || !mac || !/^[0-9a-z]+$/.test(issued)) return 'invalid';
  const expected = createHmac('sha256', secret).update(`nonce:${issued}`).digest('base64url').slice(0, 22);
  if (!safeEqual(mac, expected)) return 'invalid';
  return nowMs / 1000 - parseInt(issued, 36) > maxAgeSeconds ? 'stale' : 'valid';
}

export interface DigestAuthorization {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  algorithm?: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
  opaque?: string;
}

/** Parses `Digest k=v, k="v", …`; null when it is not a well-formed Digest header. */
export function parseDigestAuthorization(value: string): DigestAuthorization | null {
  const match = /^\s*Digest\s+(.*)$/is.exec(value);
  if (!match) return null;
  const params: Record<string, string> = {};
  const pattern = /\s*([a-zA-Z-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^\s,"]+)\s*(,|$)/gy;
  const rest = match[1]!;
  let consumed = 0;
  for (let m = pattern.exec(rest); m; m = pattern.exec(rest)) {
    params[m[1]!.toLowerCase()] = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[2]!;
    consumed = pattern.lastIndex;
    if (consumed >= rest.length) break;
  }
  if (consumed < rest.trimEnd().length) return null;
  const { username, realm, nonce, uri, response } = params;
  if (!username || realm === undefined || !nonce || !uri || !response) return null;
  return { username, realm, nonce, uri, response, algorithm: params.algorithm, qop: params.qop, nc: params.nc, cnonce: params.cnonce, opaque: params.opaque };
}

/** Whether the digest response proves knowledge of the credential's password. */
export function verifyDigest(secret: string, auth: DigestAuthorization, method: string): boolean {
  if (auth.algorithm && auth.algorithm.toUpperCase() !== 'MD5') return false;
  const password = passwordFor(secret, auth.username);
  const ha1 = md5(`${auth.username}:${auth.realm}:${password}`);
  const ha2 = md5(`${method}:${auth.uri}`);
  let expected: string;
  if (auth.qop === undefined) expected = md5(`${ha1}:${auth.nonce}:${ha2}`);
  else if (auth.qop === 'auth' && auth.nc && auth.cnonce) expected = md5(`${ha1}:${auth.nonce}:${auth.nc}:${auth.cnonce}:auth:${ha2}`);
  else return false;
  return safeEqual(auth.response.toLowerCase(), expected);
}

/** Computes a client's digest response: used by tests and by the gateway's own UAC side. */
export function digestResponse(params: { username: string; password: string; realm: string; nonce: string; method: string; uri: string; nc: string; cnonce: string }): string {
  const ha1 = md5(`${params.username}:${params.realm}:${params.password}`);
  const ha2 = md5(`${params.method}:${params.uri}`);
  return md5(`${ha1}:${params.nonce}:${params.nc}:${params.cnonce}:auth:${ha2}`);
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
