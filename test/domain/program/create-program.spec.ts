import type { CreateProgram } from '../../../src/domain/program/create-program.command';
import { programDecider, programStream } from '../../../src/domain/program/program.decider';
import { Conflict, RuleViolated } from '../../../src/domain/shared/errors';
import { newId, programCreated } from '../../support/program.builders';
import { spec } from '../../support/given-when-then';

const createProgram = (programId: string, overrides: Partial<CreateProgram['data']> = {}): CreateProgram => ({
  type: 'CreateProgram',
  data: { ...programCreated(programId).data, ...overrides },
});

describe('programStream', () => {
  it('names the stream after the program', () => {
    expect(programStream('p-1')).toBe('program-p-1');
  });
});

describe('CreateProgram', () => {
  describe('given no program with this id', () => {
    it('creates the program of a cycle for a school year, with its typical week', () => {
      const programId = newId('program');
      spec(programDecider)
        .given([])
        .when(createProgram(programId))
        .then([programCreated(programId)]);
    });

    it('refuses a program without a name', () => {
      spec(programDecider)
        .given([])
        .when(createProgram(newId('program'), { name: '  ' }))
        .thenRefuses(RuleViolated, 'PROGRAM_NAME_REQUIRED');
    });

    it('refuses a cycle that does not exist', () => {
      spec(programDecider)
        .given([])
        .when(createProgram(newId('program'), { cycle: 'COLLEGE' as never }))
        .thenRefuses(RuleViolated, 'CYCLE_UNKNOWN');
    });

    it('refuses a school year that is not one', () => {
      spec(programDecider)
        .given([])
        .when(createProgram(newId('program'), { schoolYear: '2024-2023' }))
        .thenRefuses(RuleViolated, 'SCHOOL_YEAR_INVALID');
    });

    it('refuses a typical week longer than a week', () => {
      spec(programDecider)
        .given([])
        .when(createProgram(newId('program'), { typicalWeek: { from: '2024-09-09', to: '2024-09-16' } }))
        .thenRefuses(RuleViolated, 'TYPICAL_WEEK_INVALID');
    });

    it('refuses a typical week that ends before it starts', () => {
      spec(programDecider)
        .given([])
        .when(createProgram(newId('program'), { typicalWeek: { from: '2024-09-13', to: '2024-09-09' } }))
        .thenRefuses(RuleViolated, 'TYPICAL_WEEK_INVALID');
    });

    it('refuses a typical week outside the school year', () => {
      spec(programDecider)
        .given([])
        .when(createProgram(newId('program'), { typicalWeek: { from: '2023-09-11', to: '2023-09-15' } }))
        .thenRefuses(RuleViolated, 'TYPICAL_WEEK_OUTSIDE_SCHOOL_YEAR');
    });
  });

  describe('given the program already created', () => {
    it('refuses to create it again', () => {
      const programId = newId('program');
      spec(programDecider)
        .given([programCreated(programId)])
        .when(createProgram(programId))
        .thenRefuses(Conflict, 'PROGRAM_ALREADY_EXISTS');
    });
  });
});
