/** The parts of a subscription that decide what it bills. */
export interface BillingTerms {
  startAt: Date;
  endAt: Date | null;
  trialEnd: Date | null;
  phases: ReadonlyArray<{
    startsAt: Date;
    endsAt: Date | null;
    planVersionId: string;
    seats: number;
    overrides: Record<string, unknown>;
  }>;
}

const FOREVER = 8.64e15;
const time = (d: Date | null) => (d === null ? FOREVER : d.getTime());
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The earliest instant from which a subscription bills differently after an update (a backdated change, end or
 * cancellation included): every period from there on is recomputed, and issued ones get a correction. Null when
 * nothing that bills changed (a status change alone), or when there was no earlier state (all its periods are new).
 */
export function changedSince(before: BillingTerms | null, after: BillingTerms): Date | null {
  if (!before) return null;
  const instants: number[] = [];
  if (before.startAt.getTime() !== after.startAt.getTime()) instants.push(Math.min(before.startAt.getTime(), after.startAt.getTime()));
  if (time(before.endAt) !== time(after.endAt)) instants.push(Math.min(time(before.endAt), time(after.endAt)));
  if (time(before.trialEnd) !== time(after.trialEnd))
    instants.push(Math.min(time(before.trialEnd ?? before.startAt), time(after.trialEnd ?? after.startAt)));
  const count = Math.max(before.phases.length, after.phases.length);
  for (let i = 0; i < count; i++) {
    const a = before.phases[i];
    const b = after.phases[i];
    if (!a || !b) {
      instants.push((a ?? b).startsAt.getTime());
      break;
    }
    const terms = (p: typeof a) => [p.startsAt.getTime(), p.planVersionId, p.seats, p.overrides];
    if (!same(terms(a), terms(b))) {
      instants.push(Math.min(a.startsAt.getTime(), b.startsAt.getTime()));
      break;
    }
    if (time(a.endsAt) !== time(b.endsAt)) {
      instants.push(Math.min(time(a.endsAt), time(b.endsAt)));
      break;
    }
  }
  const earliest = Math.min(...instants);
  return instants.length === 0 || earliest >= FOREVER ? null : new Date(earliest);
}
