import { createHash, randomBytes } from 'node:crypto';

/** A random token for a cookie or API key; only its hash is stored. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
