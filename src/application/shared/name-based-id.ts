import { parse, v5 as uuidv5 } from 'uuid';

/**
 * Ids derived from a name (UUID v5): the same name in the same namespace gives the same id on
 * every retry and replay. The namespace is parsed once and the name is encoded by Buffer, the
 * same UTF-8 bytes `uuid` would encode itself, more cheaply: PlaceOrder derives several ids.
 */
export function nameBasedIds(namespace: string): (name: string) => string {
  const namespaceBytes = parse(namespace);
  return (name) => uuidv5(Buffer.from(name, 'utf8'), namespaceBytes);
}
