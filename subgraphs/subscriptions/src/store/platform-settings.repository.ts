import type { RequestContext } from '@meterline/kit';
import type { HistoryLimits } from '../domain/subscription';
import { historyLimits } from '../history-limits.config';

/** The caller's platform's own settings; a value it has not set is null (the deployment's default applies). */
export interface OwnPlatformSettings {
  maxBackdateDays: number | null;
}

/** The `platform_settings` row of the caller's platform (tenant-scoped: only ever ctx.platformId). */
export class PlatformSettingsRepository {
  constructor(private readonly ctx: RequestContext) {}

  async own(): Promise<OwnPlatformSettings> {
    const [row] = await this.ctx.db.query<{ max_backdate_days: number | null }>(
      `SELECT max_backdate_days FROM platform_settings WHERE platform_id = $1`,
      [this.ctx.platformId],
    );
    return { maxBackdateDays: row?.max_backdate_days ?? null };
  }

  async save(settings: OwnPlatformSettings): Promise<OwnPlatformSettings> {
    await this.ctx.db.query(
      `INSERT INTO platform_settings (platform_id, max_backdate_days, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (platform_id) DO UPDATE SET max_backdate_days = excluded.max_backdate_days, updated_at = excluded.updated_at`,
      [this.ctx.platformId, settings.maxBackdateDays, this.ctx.clock.now()],
    );
    return settings;
  }

  /** The limits in force for the platform: its own value, else the deployment's default. */
  async historyLimits(): Promise<HistoryLimits> {
    const own = await this.own();
    return { maxBackdateDays: own.maxBackdateDays ?? historyLimits().maxBackdateDays };
  }
}
