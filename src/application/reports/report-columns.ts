import type { AmountsDue, FamilyAmountDue } from '../../projections/reporting/amounts-due.query';
import {
  CANCELLED_REASONS,
  TIER_KEYS,
  type ActivityFillRate,
  type FillRates,
} from '../../projections/reporting/fill-rates.query';
import type { Roster, RosterEntry } from '../../projections/reporting/roster.query';
import { type CsvColumn, euros } from './csv';

/** The CSV columns of each report: one row per activity, per child seated, per family to invoice. */

export function fillRateColumns(report: FillRates): CsvColumn<ActivityFillRate>[] {
  const { program } = report;
  const tierColumns = TIER_KEYS.flatMap((tier): CsvColumn<ActivityFillRate>[] => {
    const prefix = tier === 'unknown' ? 'tier_unknown' : `tier${tier}`;
    return [
      { header: `${prefix}_requests`, value: (a) => a.byTier[tier].requests },
      { header: `${prefix}_pending`, value: (a) => a.byTier[tier].pending },
      { header: `${prefix}_reserved`, value: (a) => a.byTier[tier].reserved },
      { header: `${prefix}_rejected_capacity`, value: (a) => a.byTier[tier].cancelled.CAPACITY },
    ];
  });
  return [
    { header: 'program_id', value: () => program.programId },
    { header: 'program', value: () => program.name, text: true },
    { header: 'school_year', value: () => program.schoolYear },
    { header: 'activity_id', value: (a) => a.activityId },
    { header: 'activity', value: (a) => a.name, text: true },
    { header: 'weekday', value: (a) => a.weekday },
    { header: 'start', value: (a) => a.start },
    { header: 'end', value: (a) => a.end },
    { header: 'status', value: (a) => a.status },
    { header: 'capacity', value: (a) => a.capacity },
    { header: 'pending', value: (a) => a.pending },
    { header: 'reserved', value: (a) => a.reserved },
    { header: 'cancelled', value: (a) => a.cancelled.total },
    ...CANCELLED_REASONS.map((reason) => ({
      header: `cancelled_${reason}`,
      value: (a: ActivityFillRate) => a.cancelled[reason],
    })),
    { header: 'seats_left', value: (a) => a.seatsLeft },
    { header: 'requests', value: (a) => a.requests },
    { header: 'fill_rate', value: (a) => a.fillRate },
    { header: 'demand_ratio', value: (a) => a.demandRatio },
    ...tierColumns,
  ];
}

export function rosterColumns(report: Roster): CsvColumn<RosterEntry>[] {
  const guardian = (i: number): CsvColumn<RosterEntry>[] => [
    {
      header: `guardian${i + 1}_name`,
      value: (c) => {
        const g = c.family.guardians[i];
        return g === undefined ? null : `${g.firstName} ${g.lastName}`;
      },
      text: true,
    },
    { header: `guardian${i + 1}_phone`, value: (c) => c.family.guardians[i]?.phone ?? null, text: true },
  ];
  return [
    { header: 'last_name', value: (c) => c.lastName, text: true },
    { header: 'first_name', value: (c) => c.firstName, text: true },
    { header: 'class_level', value: (c) => c.classLevel },
    ...guardian(0),
    ...guardian(1),
    { header: 'email', value: (c) => c.family.email, text: true },
    { header: 'activity', value: () => report.activity.name, text: true },
    { header: 'slot', value: () => `${report.activity.weekday} ${report.activity.start}-${report.activity.end}` },
    { header: 'child_id', value: (c) => c.childId },
    { header: 'family_id', value: (c) => c.family.familyId },
  ];
}

export function amountsDueColumns(report: AmountsDue): CsvColumn<FamilyAmountDue>[] {
  return [
    { header: 'school_year', value: () => report.schoolYear },
    { header: 'family_id', value: (f) => f.familyId },
    { header: 'billing_name', value: (f) => f.billing.name, text: true },
    { header: 'billing_address', value: (f) => addressLine(f.billing.address), text: true },
    { header: 'email', value: (f) => f.email, text: true },
    { header: 'modules', value: (f) => f.moduleCount },
    { header: 'total_euros', value: (f) => euros(f.totalCents) },
    { header: 'total_cents', value: (f) => f.totalCents },
    {
      header: 'details',
      value: (f) =>
        f.modules
          .map((m) => `${m.child.firstName} ${m.child.lastName}: ${m.activityName} ${euros(m.priceCents)}`)
          .join(' | '),
      text: true,
    },
  ];
}

function addressLine(address: FamilyAmountDue['billing']['address']): string {
  return [address.line1, address.line2, `${address.postalCode} ${address.city}`].filter(Boolean).join(', ');
}
