import { AppendResult, CurrentRevision, ExpectedRevision, WrongExpectedRevisionError } from '../event-store.port';
import type { AppendOutcome, AppendRequest } from './sqlite-appender';
import type { CommittedSpan } from './stream-heads';

/** the writer thread's name for the operating system (`nameThisThread`) */
export const WRITER_THREAD_NAME = 'store-writer';

export interface WriterData {
  filename: string;
}

export type ToWriter = { type: 'append'; id: number; appends: AppendRequest[] } | { type: 'close' };

/** an error as it crosses threads: a refused revision keeps its type and its fields */
export type WireError =
  | { kind: 'wrong-revision'; streamId: string; expected: ExpectedRevision; actual: CurrentRevision }
  | { kind: 'error'; message: string };

export type WireOutcome = { ok: true; result: AppendResult } | { ok: false; error: WireError };

export type FromWriter =
  | { type: 'committed'; id: number; outcomes: WireOutcome[]; span: CommittedSpan }
  | { type: 'failed'; id: number; error: WireError };

export function toWire(outcome: AppendOutcome): WireOutcome {
  return outcome.ok ? outcome : { ok: false, error: errorToWire(outcome.error) };
}

export function errorToWire(error: unknown): WireError {
  if (error instanceof WrongExpectedRevisionError) {
    return { kind: 'wrong-revision', streamId: error.streamId, expected: error.expected, actual: error.actual };
  }
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

export function fromWire(error: WireError): Error {
  return error.kind === 'wrong-revision'
    ? new WrongExpectedRevisionError(error.streamId, error.expected, error.actual)
    : new Error(error.message);
}
