import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, subgraphConfigSpecFor } from '@meterline/kit';
import { webhookConfigSpec, webhookOptionsFromEnv } from '../src/jobs/webhook-options';

describe('webhooks configuration', () => {
  it('reads every env name services.json lists for it', () => {
    const { services } = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'services.json'), 'utf8')) as {
      services: Array<{ name: string; port: number; env: string[] }>;
    };
    const webhooks = services.find((s) => s.name === 'webhooks')!;
    const known = [...Object.keys(subgraphConfigSpecFor(webhooks.port)), ...Object.keys(webhookConfigSpec)];
    expect(webhooks.env.filter((name) => !known.includes(name))).toEqual([]);
    expect(webhooks.env).toContain('WEBHOOK_SECRETS_KEY');
  });

  it('refuses private addresses by default in production only, and as told otherwise', () => {
    expect(webhookOptionsFromEnv({}).blockPrivateAddresses).toBe(false);
    expect(webhookOptionsFromEnv({ NODE_ENV: 'production' }).blockPrivateAddresses).toBe(true);
    expect(webhookOptionsFromEnv({ NODE_ENV: 'production', WEBHOOK_BLOCK_PRIVATE_ADDRESSES: 'off' }).blockPrivateAddresses).toBe(false);
    expect(webhookOptionsFromEnv({ WEBHOOK_BLOCK_PRIVATE_ADDRESSES: 'on' }).blockPrivateAddresses).toBe(true);
    expect(webhookOptionsFromEnv({})).toMatchObject({ timeoutMs: 15_000, intervalMs: 500, disableAfterFailedMessages: 3 });
  });

  it('names a bad variable', () => {
    expect(() => webhookOptionsFromEnv({ WEBHOOK_BLOCK_PRIVATE_ADDRESSES: 'maybe' })).toThrow(/WEBHOOK_BLOCK_PRIVATE_ADDRESSES/);
    expect(() => webhookOptionsFromEnv({ WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES: '0' })).toThrow(ConfigError);
    expect(() => webhookOptionsFromEnv({ WEBHOOK_TIMEOUT_MS: 'soon' })).toThrow(/WEBHOOK_TIMEOUT_MS/);
  });
});
