import { AppError, badInput, ErrorCode } from '@meterline/kit/domain';

/** How far ahead a sandbox may be moved in one go: far enough for years of invoices, bounded against hostile input. */
export const SANDBOX_MAX_ADVANCE_MS = 20 * 366 * 24 * 3600_000;

/** Why a production platform is refused (`extensions.reason`): its business time is real time. */
export const PRODUCTION_CLOCK_REFUSED = 'PRODUCTION_PLATFORM';

/**
 * The offset a sandbox runs ahead of the service clock after advancing to `to`: forward only (a sandbox's invoices
 * never see time go back), from the sandbox's current time `serviceNow + currentOffsetMs`.
 */
export function sandboxAdvance(sandbox: boolean, to: Date, serviceNow: Date, currentOffsetMs: number): number {
  if (!sandbox) {
    throw new AppError(
      ErrorCode.FORBIDDEN,
      'Only a sandbox platform can move its business clock; a production platform runs on real time',
      'to',
      {
        reason: PRODUCTION_CLOCK_REFUSED,
      },
    );
  }
  const platformNow = serviceNow.getTime() + currentOffsetMs;
  if (to.getTime() < platformNow) {
    throw badInput(
      'to',
      `A sandbox clock only moves forward: to must be at or after its current time ${new Date(platformNow).toISOString()}`,
    );
  }
  if (to.getTime() - platformNow > SANDBOX_MAX_ADVANCE_MS) throw badInput('to', 'A sandbox clock moves at most 20 years in one advance');
  return to.getTime() - serviceNow.getTime();
}
