/**
 * The few typed errors a decider throws when a rule is broken. One exception filter maps them
 * to HTTP (400 / 403 / 404 / 409). Messages are read by parents and staff: say what is wrong
 * and, where there is one, what to do.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid' | 'forbidden' | 'not_found' | 'conflict';
  constructor(
    message: string,
    /** a stable machine-readable reason, e.g. `CLASS_LEVEL_NOT_ACCEPTED` */
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command breaks a rule of the domain (400). */
export class RuleViolated extends DomainError {
  readonly kind = 'invalid' as const;
}

/** The caller may not do this (403). */
export class NotAllowed extends DomainError {
  readonly kind = 'forbidden' as const;
}

/** What the command names does not exist, or is not visible to the caller (404). */
export class NotFound extends DomainError {
  readonly kind = 'not_found' as const;
}

/** The command conflicts with the current state (409): a duplicate, a state already moved on. */
export class Conflict extends DomainError {
  readonly kind = 'conflict' as const;
}
