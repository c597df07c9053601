import { getMetadataStorage, MetadataStorage } from 'class-validator';

type Rules = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;

const INSTALLED = Symbol('ateliers:validation-metadata-cache');

/**
 * class-validator looks up the rules of a class (its own and those it inherits) again for every
 * object it validates, by testing every decorated class of the application with `instanceof`
 * (typestack/class-validator#2686): an order's parameters, body, billing and address each pay for
 * the 43 DTO classes of the service: 2–3 % of the request thread during the rush.
 *
 * The rules of a class are fixed once its decorators have run, so the answer is kept per class
 * and per options (schema, always, strictGroups, groups), and everything kept is forgotten
 * whenever a rule is registered (a class defined later, `registerDecorator`). The arrays are
 * frozen: class-validator only reads them. Installed once on the library's own storage.
 */
export function cacheValidationRules(storage: MetadataStorage = getMetadataStorage()): void {
  const target = storage as MetadataStorage & { [INSTALLED]?: true };
  if (target[INSTALLED]) return;
  target[INSTALLED] = true;
  let kept = new WeakMap<object, Map<string, Rules>>();
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const register = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    kept = new WeakMap();
    register(metadata);
  };
  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    const key = `${targetSchema}|${always}|${strictGroups}|${groups?.join(',') ?? ''}`;
    let byOptions = kept.get(targetConstructor);
    if (byOptions === undefined) kept.set(targetConstructor, (byOptions = new Map()));
    let rules = byOptions.get(key);
    if (rules === undefined) {
      rules = Object.freeze(lookUp(targetConstructor, targetSchema, always, strictGroups, groups)) as Rules;
      byOptions.set(key, rules);
    }
    return rules;
  };
}
