import { CLASS_LEVELS, ClassLevel, Tier } from '../domain/shared/school';
import { Decision, Fairness, FairnessFigures } from './allocation.types';

/**
 * The fairness figures a run reports (PRODUCT.md, Allocation): children left with none of their
 * requests, share of requests seated, overall, by tier and by class level. A child is counted in
 * every group one of its requests falls in.
 */
export function fairnessOf(decisions: readonly Decision[]): Fairness {
  const all = new Tally();
  const byTier = { 1: new Tally(), 2: new Tally() };
  const byLevel = new Map<ClassLevel, Tally>(CLASS_LEVELS.map((l) => [l, new Tally()]));
  for (const d of decisions) {
    const seated = d.outcome === 'RESERVED';
    all.add(d.childId, seated);
    byTier[d.tier].add(d.childId, seated);
    byLevel.get(d.classLevel)!.add(d.childId, seated);
  }
  const byClassLevel = Object.fromEntries(
    CLASS_LEVELS.map((l) => [l, byLevel.get(l)!.figures()]),
  ) as Record<ClassLevel, FairnessFigures>;
  return {
    ...all.figures(),
    byTier: { 1: byTier[1].figures(), 2: byTier[2].figures() } satisfies Record<Tier, FairnessFigures>,
    byClassLevel,
  };
}

class Tally {
  /** childId → whether at least one of its requests was seated */
  private readonly children = new Map<string, boolean>();
  private requests = 0;
  private seated = 0;

  add(childId: string, seated: boolean): void {
    this.requests++;
    if (seated) this.seated++;
    if (seated) this.children.set(childId, true);
    else if (!this.children.has(childId)) this.children.set(childId, false);
  }

  figures(): FairnessFigures {
    let childrenWithNoneSeated = 0;
    for (const any of this.children.values()) if (!any) childrenWithNoneSeated++;
    return {
      children: this.children.size,
      childrenWithNoneSeated,
      requests: this.requests,
      seated: this.seated,
      shareSeated: this.requests === 0 ? 0 : this.seated / this.requests,
    };
  }
}
