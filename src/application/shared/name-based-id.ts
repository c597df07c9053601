import { createHash } from 'node:crypto';
import { parse } from 'uuid';

/**
 * Ids derived from a name (UUID v5, RFC 9562): the same name in the same namespace gives the same
 * id on every retry and replay. The namespace is parsed once, the name hashed as UTF-8 and the
 * digest formatted by Buffer: the ids `uuid` derives, at less cost (PlaceOrder derives several;
 * a test compares them with `uuid`'s).
 */
export function nameBasedIds(namespace: string): (name: string) => string {
  const namespaceBytes = Buffer.from(parse(namespace));
  return (name) => {
    const digest = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
    digest[6] = (digest[6] & 0x0f) | 0x50; // version 5
    digest[8] = (digest[8] & 0x3f) | 0x80; // RFC variant
    const hex = digest.toString('hex', 0, 16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  };
}
