import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../apollo';
import { CatalogSetPriceDocument, type PriceInput } from '../generated';
import { apiCalls, curveMock, planPrice, platformFee, previewMock, storedPrice, version } from './catalogFixtures';
import { PriceEditor } from './PriceEditor';

afterEach(cleanup);

const quantities = (...values: string[]) => values.map((quantity) => ({ quantity }));
const zeroTo100 = quantities('0', '10', '20', '30', '40', '50', '60', '70', '80', '90', '100');

/** Previews of the form's intermediate states that a test does not look at are left unmocked (and unwarned). */
function renderEditor(mocks: MockLink.MockedResponse[], price?: Parameters<typeof PriceEditor>[0]['price']) {
  return render(
    <MockedProvider mocks={mocks} cache={createCache()} showWarnings={false}>
      <PriceEditor planVersion="v1" currency="EUR" label="Starter v1" items={[platformFee, apiCalls]} price={price} />
    </MockedProvider>,
  );
}
const choose = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const fill = choose;
/** The chart's points, as their tooltips say them. */
const pointsOf = (chart: HTMLElement) => [...chart.querySelectorAll('circle title')].map((title) => title.textContent);

describe('PriceEditor', () => {
  it('previews a FLAT price for the typed quantity and offers the timing of a RECURRING item', async () => {
    const flat: PriceInput = { model: 'FLAT', amount: '100' };
    renderEditor([previewMock({ quantity: '1' }, flat, '100.00', 'Flat fee'), curveMock(flat, zeroTo100, Array(11).fill('100'))]);
    expect(screen.getByText(/Fill in the price/)).toBeTruthy();
    expect(screen.queryByLabelText('Timing')).toBeNull();
    choose('Product item', 'i1');
    expect(screen.getByLabelText('Timing')).toBeTruthy();
    // A RECURRING item takes FLAT only.
    expect(
      within(screen.getByLabelText('Model'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['FLAT']);
    fill('Amount', '100');
    expect((await screen.findByTestId('preview-amount')).textContent).toBe('100.00 EUR');
    expect(screen.getByText('Flat fee: 100.00')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Set price' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it.each([
    ['FLAT', ['Amount']],
    ['PER_UNIT', ['Unit price']],
    ['PACKAGE', ['Package size', 'Package price', 'Free units']],
    ['GRADUATED', ['Tier 1 up to', 'Tier 1 unit price', 'Tier 1 flat fee', 'Tier 2 unit price']],
    ['VOLUME', ['Tier 1 up to', 'Tier 1 unit price', 'Tier 1 flat fee']],
    ['STAIRSTEP', ['Step 1 up to', 'Step 1 amount', 'Step 2 amount']],
    [
      'PERCENTAGE',
      [
        'Rate (%)',
        'Fixed fee',
        'Min per transaction',
        'Max per transaction',
        'Free transactions',
        'Free amount',
        'Preview for transaction amounts',
      ],
    ],
    ['GRADUATED_PERCENTAGE', ['Tier 1 up to', 'Tier 1 rate (%)', 'Tier 1 flat fee', 'Preview for transaction amounts']],
  ])('shows the fields of %s', (model, labels) => {
    renderEditor([]);
    choose('Model', model);
    for (const label of labels) expect(screen.getByLabelText(label)).toBeTruthy();
    if (model !== 'FLAT') expect(screen.queryByLabelText('Amount')).toBeNull();
  });

  it('edits GRADUATED tiers: add and remove rows', () => {
    renderEditor([]);
    choose('Model', 'GRADUATED');
    expect(screen.getAllByLabelText(/^Tier \d up to$/)).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Add tier' }));
    expect(screen.getAllByLabelText(/^Tier \d up to$/)).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'Remove tier 3' }));
    expect(screen.getAllByLabelText(/^Tier \d up to$/)).toHaveLength(2);
  });

  it('charts the amount at 11 quantities up to twice the last tier bound, from one aliased request', async () => {
    const graduated: PriceInput = {
      model: 'GRADUATED',
      tiers: [
        { upTo: '1000', unitPrice: '0.05' },
        { upTo: null, unitPrice: '0.03' },
      ],
    };
    const amounts = ['0', '10', '20', '30', '40', '50', '56', '62', '68', '74', '80'];
    renderEditor([
      previewMock({ quantity: '1' }, graduated, '0.05'),
      curveMock(graduated, quantities('0', '200', '400', '600', '800', '1000', '1200', '1400', '1600', '1800', '2000'), amounts),
    ]);
    choose('Product item', 'i2');
    choose('Model', 'GRADUATED');
    fill('Tier 1 unit price', '0.05');
    fill('Tier 2 unit price', '0.03');
    const chart = await screen.findByRole('img', { name: 'Price (EUR) by quantity' });
    expect(pointsOf(chart)).toEqual([
      '0: 0 EUR',
      '200: 10 EUR',
      '400: 20 EUR',
      '600: 30 EUR',
      '800: 40 EUR',
      '1000: 50 EUR',
      '1200: 56 EUR',
      '1400: 62 EUR',
      '1600: 68 EUR',
      '1800: 74 EUR',
      '2000: 80 EUR',
    ]);
  });

  it('charts a PERCENTAGE price against the amount of one transaction', async () => {
    const percentage: PriceInput = { model: 'PERCENTAGE', rate: '2', fixedFee: '0.30' };
    const transactions = ['0', '10', '20', '30', '40', '50', '60', '70', '80', '90', '100'];
    renderEditor([
      previewMock({ amounts: ['1'] }, percentage, '0.32'),
      curveMock(
        percentage,
        transactions.map((amount) => ({ amounts: [amount] })),
        transactions.map((_, i) => (0.3 + i * 0.2).toFixed(2)),
      ),
    ]);
    choose('Product item', 'i2');
    choose('Model', 'PERCENTAGE');
    fill('Fixed fee', '0.30');
    fill('Rate (%)', '2');
    const chart = await screen.findByRole('img', { name: 'Price (EUR) of one transaction by its amount' });
    expect(pointsOf(chart).at(-1)).toBe('100: 2.30 EUR');
    expect((await screen.findByTestId('preview-amount')).textContent).toBe('0.32 EUR');
  });

  it('opens an existing price prefilled and saves it with its dimension rules', async () => {
    const existing = planPrice(
      'pp2',
      apiCalls,
      storedPrice({ model: 'PACKAGE', packageSize: '100', packagePrice: '5', freeUnits: '0' }, [
        { match: { model: 'gpt-4' }, price: { model: 'PER_UNIT', unitPrice: '0.06' } },
      ]),
    );
    const input: PriceInput = {
      model: 'PACKAGE',
      packageSize: '100',
      packagePrice: '4',
      freeUnits: '0',
      dimensions: [
        { match: { model: 'gpt-4' }, price: { model: 'PER_UNIT', unitPrice: '0.06' } },
        { match: { model: 'gpt-3.5', region: 'eu' }, price: { model: 'FLAT', amount: '10' } },
      ],
    };
    const saved = vi.fn(() => ({ data: { setPrice: version('v1', 1, 'DRAFT', []) } }));
    renderEditor(
      [
        {
          request: { query: CatalogSetPriceDocument, variables: { input: { planVersion: 'v1', productItem: 'i2', price: input } } },
          result: saved,
        },
      ],
      existing,
    );
    expect(screen.getByRole('heading', { name: 'Edit the price of API calls' })).toBeTruthy();
    expect((screen.getByLabelText('Product item') as HTMLSelectElement).value).toBe('i2');
    expect((screen.getByLabelText('Model') as HTMLSelectElement).value).toBe('PACKAGE');
    expect((screen.getByLabelText('Package size') as HTMLInputElement).value).toBe('100');
    expect((screen.getByLabelText('Rule 1 property 1') as HTMLInputElement).value).toBe('model');
    expect((screen.getByLabelText('Rule 1 value 1') as HTMLInputElement).value).toBe('gpt-4');
    expect((screen.getByLabelText('Rule 1 unit price') as HTMLInputElement).value).toBe('0.06');

    fill('Package price', '4');
    fireEvent.click(screen.getByRole('button', { name: 'Add dimension rule' }));
    fill('Rule 2 property 1', 'model');
    fill('Rule 2 value 1', 'gpt-3.5');
    fireEvent.click(screen.getByRole('button', { name: 'Add property to rule 2' }));
    fill('Rule 2 property 2', 'region');
    fill('Rule 2 value 2', 'eu');
    choose('Rule 2 model', 'FLAT');
    fill('Rule 2 amount', '10');
    expect(screen.getByLabelText('Preview with')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Set price' }));
    await waitFor(() => expect(saved).toHaveBeenCalledTimes(1));
  });
});
