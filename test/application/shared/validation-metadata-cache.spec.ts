import {
  getMetadataStorage,
  IsInt,
  IsString,
  Max,
  MetadataStorage,
  registerDecorator,
  validateSync,
} from 'class-validator';
import { cacheValidationRules } from '../../../src/application/shared/validation-metadata-cache';

// The cache is installed on class-validator's own storage, as the service does: every class
// validated here goes through it.
cacheValidationRules();

class Named {
  @IsString()
  name!: unknown;
}

class Child extends Named {
  @IsInt()
  age!: unknown;
}

function messages(object: object): string[] {
  return validateSync(object).flatMap((error) => Object.values(error.constraints ?? {}));
}

function child(name: unknown, age: unknown): Child {
  return Object.assign(new Child(), { name, age });
}

describe('the validation rules kept per class', () => {
  it('are its own and those it inherits, the same on every validation', () => {
    for (let i = 0; i < 3; i++) {
      expect(messages(child('Lou', 7))).toEqual([]);
      expect(messages(child(7, 'seven'))).toEqual(['age must be an integer number', 'name must be a string']);
    }
  });

  it('take in a rule registered after a first validation, on the class and on its subclasses', () => {
    class Late extends Child {}
    expect(messages(Object.assign(new Late(), { name: 'Lou', age: 12 }))).toEqual([]);
    Max(10)(Child.prototype, 'age');
    expect(messages(child('Lou', 12))).toEqual(['age must not be greater than 10']);
    expect(messages(Object.assign(new Late(), { name: 'Lou', age: 12 }))).toEqual(['age must not be greater than 10']);
    registerDecorator({
      target: Named,
      propertyName: 'name',
      validator: { validate: (value: unknown) => value !== 'Nobody', defaultMessage: () => 'name is not a name' },
    });
    expect(messages(child('Nobody', 7))).toEqual(['name is not a name']);
  });

  it('are looked up once per class and options, and again once a rule is registered', () => {
    const storage = new MetadataStorage();
    const lookUp = jest.spyOn(storage, 'getTargetValidationMetadatas');
    cacheValidationRules(storage);
    storage.getTargetValidationMetadatas(Child, '', false, false);
    storage.getTargetValidationMetadatas(Child, '', false, false);
    storage.getTargetValidationMetadatas(Child, '', false, false, ['staff']);
    expect(lookUp).toHaveBeenCalledTimes(2);
    storage.addValidationMetadata(getMetadataStorage().getTargetValidationMetadatas(Named, '', false, false)[0]);
    storage.getTargetValidationMetadatas(Child, '', false, false);
    expect(lookUp).toHaveBeenCalledTimes(3);
  });
});
