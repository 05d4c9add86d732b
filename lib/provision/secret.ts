import { randomInt } from 'node:crypto';

// Letters, digits, `-` and `_`: no shell or URL quoting needed, and never Django's `django-insecure-` prefix.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';

/** A Django SECRET_KEY from the CSPRNG: 64 characters (~384 bits); `check --deploy` wants ≥ 50. */
export function generateSecretKey(length = 64): string {
  let key = '';
  for (let i = 0; i < length; i += 1) key += ALPHABET[randomInt(ALPHABET.length)];
  return key;
}
