/**
 * A fault the tests inject to interrupt the saga half-way, as if the process died: once
 * `afterDecisions` decisions were sent by this process, every further one throws. No fault unless
 * a test sets one (`startTestApp({ overrides })` or the setter).
 */
export class AllocationSagaFaults {
  private sent = 0;
  /** true once the fault fired */
  tripped = false;

  constructor(public afterDecisions?: number) {}

  /** called by the applier before it sends each decision */
  beforeDecision(): void {
    if (this.afterDecisions !== undefined && this.sent >= this.afterDecisions) {
      this.tripped = true;
      throw new SimulatedCrash(this.afterDecisions);
    }
    this.sent += 1;
  }
}

export class SimulatedCrash extends Error {
  constructor(afterDecisions: number) {
    super(`simulated crash of the allocation saga after ${afterDecisions} decisions`);
    this.name = 'SimulatedCrash';
  }
}
