import { loadConfig } from '@meterline/kit';
import { DEFAULT_MAX_BACKDATE_DAYS, type HistoryLimits } from './domain/subscription';

/**
 * SUBSCRIPTION_MAX_BACKDATE_DAYS: the deployment's default; a platform's own value (platform_settings, set with
 * updateSubscriptionSettings) replaces it for that platform.
 */
export const historyLimitsConfigSpec = {
  SUBSCRIPTION_MAX_BACKDATE_DAYS: {
    kind: 'int',
    description: 'days before now a subscription may start or a change or cancellation take effect (older history: an import)',
    default: String(DEFAULT_MAX_BACKDATE_DAYS),
  },
} as const;

/** The deployment's default history limits, from the environment (validated on every read). */
export function historyLimits(env: NodeJS.ProcessEnv = process.env): HistoryLimits {
  return { maxBackdateDays: loadConfig(historyLimitsConfigSpec, env).SUBSCRIPTION_MAX_BACKDATE_DAYS };
}
