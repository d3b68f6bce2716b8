import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../apollo';
import { PREVIEW_PRICE, type ProductItemNode } from './catalog.graphql';
import { PriceEditor, priceInput } from './Catalog';

const item: ProductItemNode = {
  __typename: 'ProductItem',
  id: 'i1',
  reference: 'platform-fee',
  name: 'Platform fee',
  chargeType: 'RECURRING',
  meterReference: null,
  metricReference: null,
};

const preview: MockLink.MockedResponse = {
  request: {
    query: PREVIEW_PRICE,
    variables: { usage: { quantity: '1' }, currency: 'EUR', price: { model: 'FLAT', amount: '100' } },
  },
  result: {
    data: {
      previewPrice: {
        __typename: 'PricePreview',
        amount: { __typename: 'Money', amount: '100.00', currency: 'EUR' },
        exactAmount: '100',
        breakdown: [
          {
            __typename: 'PriceBreakdownLine',
            label: 'Flat fee',
            quantity: null,
            unitPrice: null,
            flatFee: null,
            rate: null,
            amount: '100',
          },
        ],
      },
    },
  },
};

afterEach(cleanup);

describe('PriceEditor', () => {
  it('previews a FLAT price for the typed quantity and offers the timing of a RECURRING item', async () => {
    render(
      <MockedProvider mocks={[preview]} cache={createCache()}>
        <PriceEditor planVersion="v1" currency="EUR" label="Starter v1" items={[item]} />
      </MockedProvider>,
    );
    expect(screen.getByText(/Fill in the price/)).toBeTruthy();
    expect(screen.queryByLabelText('Timing')).toBeNull();
    fireEvent.change(screen.getByLabelText('Product item'), { target: { value: 'i1' } });
    expect(screen.getByLabelText('Timing')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Amount'), { target: { value: '100' } });
    expect((await screen.findByTestId('preview-amount')).textContent).toBe('100.00 EUR');
    expect(screen.getByText('Flat fee: 100')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Set price' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('edits GRADUATED tiers: add and remove rows', () => {
    render(
      <MockedProvider mocks={[]} cache={createCache()}>
        <PriceEditor planVersion="v1" currency="EUR" label="Starter v1" items={[item]} />
      </MockedProvider>,
    );
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'GRADUATED' } });
    expect(screen.getAllByLabelText(/^Tier \d up to$/)).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Add tier' }));
    expect(screen.getAllByLabelText(/^Tier \d up to$/)).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'Remove tier 3' }));
    expect(screen.getAllByLabelText(/^Tier \d up to$/)).toHaveLength(2);
  });
});

describe('priceInput', () => {
  const base = { model: 'FLAT' as const, amount: '', unitPrice: '', tiers: [], rate: '', fixedFee: '' };
  it('builds the API input of each model, null while incomplete', () => {
    expect(priceInput(base)).toBeNull();
    expect(priceInput({ ...base, model: 'PER_UNIT', unitPrice: '0.04' })).toEqual({ model: 'PER_UNIT', unitPrice: '0.04' });
    expect(
      priceInput({
        ...base,
        model: 'GRADUATED',
        tiers: [
          { upTo: '1000', unitPrice: '0.05', flatFee: '' },
          { upTo: '', unitPrice: '0.03', flatFee: '10' },
        ],
      }),
    ).toEqual({
      model: 'GRADUATED',
      tiers: [
        { upTo: '1000', unitPrice: '0.05' },
        { upTo: null, unitPrice: '0.03', flatFee: '10' },
      ],
    });
    expect(priceInput({ ...base, model: 'PERCENTAGE', rate: '2.9', fixedFee: '0.30' })).toEqual({
      model: 'PERCENTAGE',
      rate: '2.9',
      fixedFee: '0.30',
    });
  });
});
