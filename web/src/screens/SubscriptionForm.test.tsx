import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../apollo';
import { phases, planPrice, planVersion, plans, platformFee, starterV1, storage, subscription } from './customerFixtures';
import {
  ChangeSubscriptionDocument,
  CreateSubscriptionDocument,
  SubscriptionPlansDocument,
  SubscriptionVersionDocument,
} from '../generated';
import { ChangeSubscriptionForm, CreateSubscriptionForm } from './SubscriptionForm';

const plansMock: MockLink.MockedResponse = { request: { query: SubscriptionPlansDocument, variables: {} }, result: { data: plans } };
const versionMock = (version: ReturnType<typeof planVersion>): MockLink.MockedResponse => ({
  request: { query: SubscriptionVersionDocument, variables: { id: version.id } },
  result: { data: { planVersion: version } },
});
const change = (value: string) => ({ target: { value } });

afterEach(cleanup);

/** Adds a tailored price once the chosen version's items have arrived. */
async function addOverride() {
  const add = screen.getByRole('button', { name: '+ Add price override' }) as HTMLButtonElement;
  await waitFor(() => expect(add.disabled).toBe(false));
  fireEvent.click(add);
}

describe('CreateSubscriptionForm', () => {
  it('subscribes with seats, a trial, a start date and a tailored unit price for a usage item', async () => {
    const input = {
      customer: 'acme',
      planVersion: 'v1',
      seats: 2,
      draft: false,
      startAt: '2026-05-01T00:00:00.000Z',
      trialDays: 14,
      overrides: [{ productItem: 'item-calls', price: { model: 'PER_UNIT', unitPrice: '0.04' } }],
    };
    const onCreated = vi.fn();
    render(
      <MockedProvider
        mocks={[
          plansMock,
          versionMock(starterV1),
          {
            request: { query: CreateSubscriptionDocument, variables: { input } },
            result: { data: { createSubscription: subscription() } },
          },
        ]}
        cache={createCache()}
      >
        <CreateSubscriptionForm customer="acme" currency="EUR" onCreated={onCreated} />
      </MockedProvider>,
    );
    const form = await screen.findByRole('form', { name: 'New subscription' });
    await screen.findByRole('option', { name: 'Starter (starter) v1 · MONTH' });
    expect(screen.queryByRole('option', { name: /US/ })).toBeNull(); // another currency
    fireEvent.change(screen.getByLabelText('Plan version'), change('v1'));
    fireEvent.change(screen.getByLabelText('Seats'), change('2'));
    fireEvent.change(screen.getByLabelText('Trial days'), change('14'));
    fireEvent.change(screen.getByLabelText('Start date (UTC)'), change('2026-05-01'));

    await addOverride();
    await screen.findByRole('option', { name: 'API calls (api-calls) · PER_UNIT' });
    fireEvent.change(screen.getByLabelText('Product item'), change('item-calls'));
    expect(screen.getByText('plan price: PER_UNIT 0.05')).toBeTruthy();
    const unitPrice = screen.getByLabelText('Unit price') as HTMLInputElement;
    expect(unitPrice.value).toBe('0.05');
    fireEvent.change(unitPrice, change('0.04'));

    fireEvent.submit(form);
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('names the override that is not valid JSON before sending', async () => {
    const graduated = planPriceWithTiers();
    render(
      <MockedProvider mocks={[plansMock, versionMock(planVersion('v1', 1, [graduated]))]} cache={createCache()}>
        <CreateSubscriptionForm customer="acme" currency="EUR" onCreated={() => undefined} />
      </MockedProvider>,
    );
    await screen.findByRole('option', { name: 'Starter (starter) v1 · MONTH' });
    fireEvent.change(screen.getByLabelText('Plan version'), change('v1'));
    await addOverride();
    await screen.findByRole('option', { name: /Storage/ });
    fireEvent.change(screen.getByLabelText('Product item'), change('item-storage'));
    const json = screen.getByLabelText('Price (JSON)') as HTMLTextAreaElement;
    expect(JSON.parse(json.value)).toEqual({
      model: 'GRADUATED',
      tiers: [
        { upTo: '100', unitPrice: '1', flatFee: '0' },
        { upTo: null, unitPrice: '0.5', flatFee: '0' },
      ],
    });
    fireEvent.change(json, change('{ "model": '));
    fireEvent.click(screen.getByRole('button', { name: 'Create subscription' }));
    expect((await screen.findByRole('alert')).textContent).toBe('overrides[0].price: This is not valid JSON');
  });
});

function planPriceWithTiers() {
  const tier = (upTo: string | null, unitPrice: string) => ({ __typename: 'PriceTier', upTo, unitPrice, flatFee: '0' });
  return planPrice({ ...storage.productItem, metric: 'storage_gb' }, 'GRADUATED', { tiers: [tier('100', '1'), tier(null, '0.5')] });
}

describe('ChangeSubscriptionForm', () => {
  const changed = (result: object) => ({ changeSubscription: { ...subscription(), ...phases().subscription, ...result } });

  it('moves the subscription to another active version of the same currency and period at the period end', async () => {
    const starterV2 = planVersion('v2', 2, [platformFee, storage]);
    const input = { subscription: 's1', effective: 'PERIOD_END', planVersion: 'v2' };
    const onChanged = vi.fn();
    render(
      <MockedProvider
        mocks={[
          plansMock,
          versionMock(starterV1),
          versionMock(starterV2),
          { request: { query: ChangeSubscriptionDocument, variables: { input } }, result: { data: changed({}) } },
        ]}
        cache={createCache()}
      >
        <ChangeSubscriptionForm subscription={subscription()} overrides={{}} currency="EUR" onChanged={onChanged} />
      </MockedProvider>,
    );
    await screen.findByRole('option', { name: 'Starter (starter) v2 · MONTH' });
    expect(screen.queryByRole('option', { name: 'Starter (starter) v1 · MONTH' })).toBeNull(); // the current one
    fireEvent.change(screen.getByLabelText('New plan version'), change('v2'));
    fireEvent.change(screen.getByLabelText('Effective'), change('PERIOD_END'));
    expect(screen.queryByLabelText('Effective date (UTC)')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Apply change' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });

  it('changes seats and a tailored price from a day, and asks for the day first', async () => {
    const tailored = { 'item-calls': { model: 'PER_UNIT', unitPrice: '0.04' } };
    const input = {
      subscription: 's1',
      effective: 'AT',
      at: '2026-04-15T00:00:00.000Z',
      seats: 5,
      overrides: [{ productItem: 'item-calls', price: { model: 'PER_UNIT', unitPrice: '0.03' } }],
    };
    const onChanged = vi.fn();
    render(
      <MockedProvider
        mocks={[
          plansMock,
          versionMock(starterV1),
          { request: { query: ChangeSubscriptionDocument, variables: { input } }, result: { data: changed({ seats: 5 }) } },
        ]}
        cache={createCache()}
      >
        <ChangeSubscriptionForm subscription={subscription()} overrides={tailored} currency="EUR" onChanged={onChanged} />
      </MockedProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Apply change' }));
    expect((await screen.findByRole('alert')).textContent).toContain('input: Nothing to change');
    const unitPrice = screen.getByLabelText('Unit price') as HTMLInputElement;
    expect(unitPrice.value).toBe('0.04');
    fireEvent.change(unitPrice, change('0.03'));
    fireEvent.change(screen.getByLabelText('Seats'), change('5'));
    fireEvent.change(screen.getByLabelText('Effective'), change('AT'));
    fireEvent.click(screen.getByRole('button', { name: 'Apply change' }));
    expect((await screen.findByRole('alert')).textContent).toContain('at: Give the day');
    fireEvent.change(screen.getByLabelText('Effective date (UTC)'), change('2026-04-15'));
    fireEvent.click(screen.getByRole('button', { name: 'Apply change' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });
});
