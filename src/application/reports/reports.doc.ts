/** The response shapes and definitions of the reports, as the API documentation shows them. */

export const FORMATS_DOC =
  'Every report is computed from the reporting read models (projections), never by scanning the events. ' +
  'JSON by default. `?format=csv`, or `Accept: text/csv` without `format`, downloads a CSV file for a French ' +
  'spreadsheet: `;` between fields, UTF-8 with a byte order mark, CRLF line ends, fields quoted when needed ' +
  '(`"` doubled), `Content-Disposition: attachment`. Amounts in CSV: `*_euros` with a dot and two decimals ' +
  '(`180.00`) and `*_cents` as a whole number, exact in any locale; ratios with a dot. A text cell starting ' +
  'with = + - @ is prefixed with an apostrophe so that no spreadsheet runs it as a formula. ' +
  'Point in time: `asOfPosition=N` gives the figures once the events up to global position N were recorded; ' +
  '`asOf=<instant>` those as of the last event whose timestamp is at or before that instant. Past figures are ' +
  'computed by replaying the events into a fresh copy of the reporting read models: expect about a second ' +
  'per 20,000 events. The position the figures are as of is in `asOfPosition` (JSON) and in the ' +
  '`X-As-Of-Position` header (both formats).';

export const FILL_RATES_DOC =
  '{ asOfPosition, program: { programId, name, cycle, schoolYear }, ' +
  'phases: [{ phaseId, name, opensAt, closesAt, closedAt, closedAtPosition }], ' +
  'activities: [{ activityId, name, weekday, start, end, status: SCHEDULED|WITHDRAWN, capacity, pending, reserved, ' +
  'cancelled: { total, WRONG_CLASS, DUPLICATE, FAMILY_REQUEST, OTHER, CAPACITY, INELIGIBLE }, requests, seatsLeft, ' +
  'fillRate, demandRatio, byTier: { "1": figures, "2": figures, unknown: figures } }], totals: { …the same, ' +
  'over every activity } }. Definitions: cancelled reasons are staff cancellation codes (WRONG_CLASS, DUPLICATE, ' +
  'FAMILY_REQUEST, OTHER) and allocation rejections (CAPACITY, INELIGIBLE). requests (the demand) = pending + ' +
  'reserved + rejected for CAPACITY: every reservation placed for the activity, minus those staff cancelled and ' +
  'those the allocation found ineligible; it does not change when the allocation decides. demandRatio = requests / ' +
  'capacity; fillRate = reserved / capacity (3 decimals; null for a capacity of 0). seatsLeft = capacity − ' +
  'reserved, at least 0, and 0 for a withdrawn activity (whose capacity the totals leave out). byTier: the tier of ' +
  "the family's latest AccountValidated for the program's school year, read when the report is; `unknown` when " +
  'the family has none. closedAtPosition: ask `asOfPosition` with it for the figures when the phase closed.';

export const ROSTER_DOC =
  '{ asOfPosition, program: { programId, name, cycle, schoolYear }, activity: { activityId, name, weekday, start, ' +
  'end, capacity, status }, children: [{ reservationId, childId, firstName, lastName, classLevel, family: { ' +
  'familyId, email, guardians: [{ firstName, lastName, phone }] } }] }: the children whose reservation is ' +
  "RESERVED, by last then first name; classLevel is the child's class in the program's school year. CSV columns: " +
  'last_name, first_name, class_level, guardian1_name, guardian1_phone, guardian2_name, guardian2_phone, email, ' +
  'activity, slot, child_id, family_id.';

export const AMOUNTS_DUE_DOC =
  '{ asOfPosition, schoolYear, families: [{ familyId, billing: { name, address }, email, modules: [{ ' +
  'reservationId, orderId, child: { childId, firstName, lastName }, programId, programName, activityId, ' +
  'activityName, priceCents, price }], moduleCount, totalCents, total: "165,00 €" }], totals: { familyCount, ' +
  "moduleCount, totalCents, total } }: per family, the RESERVED reservations of the school year's programs at " +
  'the price they were ordered at, and their sum; the billing details of the latest order among them; families ' +
  'by billing name. CSV: one row per family: school_year, family_id, billing_name, billing_address, email, ' +
  'modules, total_euros, total_cents, details.';
