import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../shared/errors.ts';

/**
 * AES-256-GCM for every secret CallBridge keeps (tokens, client secret, webhook secrets). A stored value
 * reads `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url), so `keys rotate` can tell which key made it and
 * re-encrypt under the current one. The associated data binds a value to its purpose (e.g.
 * `connection:<id>:refresh`), so a ciphertext copied into another column does not decrypt.
 */
export class SecretBox {
  readonly #current: { id: string; key: Buffer } | null;
  readonly #keys = new Map<string, Buffer>();

  constructor(current: string | undefined, previous: string[] = []) {
    for (const k of [...previous, ...(current ? [current] : [])]) {
      const key = Buffer.from(k, 'base64');
      this.#keys.set(keyId(key), key);
    }
    this.#current = current
      ? { id: keyId(Buffer.from(current, 'base64')), key: Buffer.from(current, 'base64') }
      : null;
  }

  get configured(): boolean {
    return this.#current !== null;
  }

  get currentKeyId(): string | null {
    return this.#current?.id ?? null;
  }

  /** Whether one of the configured keys made this value (it may still fail to open if tampered with). */
  hasKeyFor(sealed: string): boolean {
    const id = SecretBox.keyIdOf(sealed);
    return id !== null && this.#keys.has(id);
  }

  seal(plain: string, purpose: string): string {
    if (!this.#current) {
      throw new AppError('encryption_key_missing', 'Kein Schlüssel zum Verschlüsseln konfiguriert', {
        status: 500,
        hint: 'ENCRYPTION_KEY setzen (einen erzeugen: `callbridge keys generate`) und neu starten.',
      });
    }
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#current.key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      'v1',
      this.#current.id,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ct.toString('base64url'),
    ].join('.');
  }

  open(sealed: string, purpose: string): string {
    const [v, id, iv, tag, ct] = sealed.split('.');
    if (v !== 'v1' || !id || !iv || !tag || ct === undefined)
      throw new AppError('secret_unreadable', 'Gespeichertes Geheimnis hat ein unbekanntes Format', {
        status: 500,
      });
    const key = this.#keys.get(id);
    if (!key && !this.#current) {
      throw new AppError(
        'encryption_key_missing',
        `ENCRYPTION_KEY fehlt: gespeichertes Geheimnis (Schlüssel ${id}) kann nicht entschlüsselt werden`,
        {
          status: 500,
          hint: 'ENCRYPTION_KEY auf den Schlüssel setzen, mit dem CallBridge die Webex-Zugangsdaten gespeichert hat.',
        },
      );
    }
    if (!key) {
      throw new AppError(
        'encryption_key_unknown',
        `Geheimnis wurde mit einem unbekannten Schlüssel (${id}) verschlüsselt, nicht mit ENCRYPTION_KEY (${this.#current!.id})`,
        {
          status: 500,
          hint: 'Den bisherigen Schlüssel in PREVIOUS_ENCRYPTION_KEYS eintragen, danach `callbridge keys rotate`.',
        },
      );
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new AppError(
        'secret_tampered',
        'Gespeichertes Geheimnis ist beschädigt oder gehört an eine andere Stelle',
        { status: 500 },
      );
    }
  }

  /** Which key sealed a value, for rotation. */
  static keyIdOf(sealed: string): string | null {
    return sealed.split('.')[1] ?? null;
  }
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export const generateKey = (): string => randomBytes(32).toString('base64');
