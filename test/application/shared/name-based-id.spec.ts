import { v5 as uuidv5 } from 'uuid';
import { nameBasedIds } from '../../../src/application/shared/name-based-id';

describe('nameBasedIds', () => {
  const namespace = '0d6f3c1e-7a54-4b8e-9f21-4c7e2a9b5d30';
  const idOf = nameBasedIds(namespace);

  it('derives exactly the ids uuid v5 derives from the name as text (ids already stored stay derivable)', () => {
    for (const name of ['PlaceOrder/1', '["fam","child","clé-é"]', 'Léa 🎨 atelier', '', 'x'.repeat(5000)]) {
      expect(idOf(name)).toBe(uuidv5(name, namespace));
    }
  });

  it('gives the same id for the same name and another for another name or namespace', () => {
    expect(idOf('a')).toBe(idOf('a'));
    expect(idOf('a')).not.toBe(idOf('b'));
    expect(nameBasedIds('5b0e3a52-8f43-4d41-9c5e-6f2f2c1f7a10')('a')).not.toBe(idOf('a'));
  });
});
