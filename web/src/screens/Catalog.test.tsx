import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../apollo';
import { PRODUCTS_PAGE_SIZE, CatalogScreen } from './Catalog';
import {
  CatalogChangePlanVersionStatusDocument,
  CatalogChangeProductStatusDocument,
  CatalogCreatePlanDocument,
  CatalogCreatePlanVersionDocument,
  CatalogDeletePlanVersionDocument,
  CatalogPlanDocument,
  CatalogPlansDocument,
  CatalogProductsDocument,
  CatalogRemovePriceDocument,
  type LifecycleStatus,
  type StatusAction,
} from '../generated';
import { apiCalls, planPrice, planSummary, platformFee, product, storedPrice, version } from './catalogFixtures';
import { PLANS_PAGE_SIZE, PlansSection } from './CatalogPlans';

afterEach(cleanup);

const page = <T extends { id: string }>(typename: string, nodes: T[], hasNextPage = false) => ({
  __typename: typename,
  totalCount: nodes.length,
  edges: nodes.map((node) => ({ __typename: typename.replace('Connection', 'Edge'), cursor: `c-${node.id}`, node })),
  pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: nodes.length ? `c-${nodes.at(-1)!.id}` : null },
});

const productsMock = (products: ReturnType<typeof product>[], includeArchived = false): MockLink.MockedResponse => ({
  request: { query: CatalogProductsDocument, variables: { first: PRODUCTS_PAGE_SIZE, includeArchived } },
  result: { data: { products: page('ProductConnection', products) } },
});

const plansMock = (plans: ReturnType<typeof planSummary>[], hasNextPage = false, after?: string): MockLink.MockedResponse => ({
  request: { query: CatalogPlansDocument, variables: { first: PLANS_PAGE_SIZE, ...(after ? { after } : {}) } },
  result: { data: { pricingPlans: page('PricingPlanConnection', plans, hasNextPage) } },
});

const planMock = (id: string, versions: ReturnType<typeof version>[]) => {
  const result = vi.fn(() => ({ data: { pricingPlan: { __typename: 'PricingPlan', id, versions } } }));
  return { request: { query: CatalogPlanDocument, variables: { plan: id } }, result } satisfies MockLink.MockedResponse;
};

const versionStatusMock = (id: string, action: StatusAction, status: LifecycleStatus) => {
  const result = vi.fn(() => ({ data: { changePlanVersionStatus: { __typename: 'PricingPlanVersion', id, status } } }));
  return { request: { query: CatalogChangePlanVersionStatusDocument, variables: { planVersion: id, action } }, result };
};

const flat100 = planPrice('pp1', platformFee, storedPrice({ model: 'FLAT', amount: '100' }));
const v1 = version('v1', 1, 'ACTIVE', [flat100]);
const v2 = version('v2', 2, 'DRAFT', [{ ...flat100, id: 'pp2' }]);
const v3 = version('v3', 3, 'ARCHIVED', [{ ...flat100, id: 'pp3' }]);
const starter = planSummary('p1', 'starter', 'Starter', [v1, v2, v3]);

function renderPlans(mocks: MockLink.MockedResponse[]) {
  return render(
    <MockedProvider mocks={mocks} cache={createCache()} showWarnings={false}>
      <PlansSection items={[platformFee, apiCalls]} />
    </MockedProvider>,
  );
}
const region = (name: string) => screen.getByRole('region', { name });

describe('CatalogScreen', () => {
  it('shows loading, then products with the actions of their status, and plans without their prices', async () => {
    render(
      <MockedProvider mocks={[productsMock([product('DRAFT')]), plansMock([starter])]} cache={createCache()}>
        <CatalogScreen />
      </MockedProvider>,
    );
    expect(screen.getByText('Loading products…')).toBeTruthy();
    expect(screen.getByText('Loading plans…')).toBeTruthy();
    const row = within(await screen.findByRole('table', { name: 'Products' })).getByRole('row', { name: /platform/ });
    expect(within(row).getByText('DRAFT')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Activate product platform' })).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Archive product platform' })).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Deprecate product platform' })).toBeNull();
    const plan = await screen.findByRole('article', { name: 'Plan Starter' });
    expect(within(plan).getByText('v1 ACTIVE')).toBeTruthy();
    expect(within(plan).getByRole('button', { name: 'Open plan starter' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Starter v1' })).toBeNull();
  });

  it('shows the empty states', async () => {
    render(
      <MockedProvider mocks={[productsMock([]), plansMock([])]} cache={createCache()}>
        <CatalogScreen />
      </MockedProvider>,
    );
    expect(await screen.findByText(/No products yet/)).toBeTruthy();
    expect(await screen.findByText(/No plans yet/)).toBeTruthy();
  });

  it('archives a product after confirmation, then offers to restore it, and lists archived products on demand', async () => {
    const archive = vi.fn(() => ({ data: { changeProductStatus: { __typename: 'Product', id: 'prod1', status: 'ARCHIVED' } } }));
    render(
      <MockedProvider
        mocks={[
          productsMock([product('DRAFT')]),
          plansMock([]),
          { request: { query: CatalogChangeProductStatusDocument, variables: { product: 'prod1', action: 'ARCHIVE' } }, result: archive },
          productsMock([product('ARCHIVED')], true),
        ]}
        cache={createCache()}
      >
        <CatalogScreen />
      </MockedProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Archive product platform' }));
    expect(archive).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm archive product platform' }));
    expect(await screen.findByRole('button', { name: 'Restore product platform' })).toBeTruthy();
    expect(archive).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByLabelText('Show archived products'));
    expect(await screen.findByRole('button', { name: 'Restore product platform' })).toBeTruthy();
  });

  it('shows an API error with the field it names', async () => {
    render(
      <MockedProvider
        mocks={[
          {
            request: { query: CatalogProductsDocument, variables: { first: PRODUCTS_PAGE_SIZE, includeArchived: false } },
            result: { errors: [{ message: 'must be between 1 and 100', extensions: { code: 'BAD_USER_INPUT', field: 'first' } }] },
          },
          plansMock([]),
        ]}
        cache={createCache()}
      >
        <CatalogScreen />
      </MockedProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('first: must be between 1 and 100');
  });
});

describe('PlansSection', () => {
  it('pages through plans with Load more and loads a plan’s versions only when it is opened', async () => {
    const basic = planSummary('p2', 'basic', 'Basic', [version('b1', 1, 'DRAFT')]);
    const detail = planMock('p2', [version('b1', 1, 'DRAFT')]);
    renderPlans([plansMock([starter], true), plansMock([basic], false, 'c-p1'), detail]);
    await screen.findByRole('article', { name: 'Plan Starter' });
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByRole('article', { name: 'Plan Basic' });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(detail.result).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Open plan basic' }));
    expect(await screen.findByRole('region', { name: 'Basic v1' })).toBeTruthy();
    expect(detail.result).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Close plan basic' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('offers each version the status actions of its status, a draft its editor and Delete', async () => {
    renderPlans([plansMock([starter]), planMock('p1', [v1, v2, v3])]);
    fireEvent.click(await screen.findByRole('button', { name: 'Open plan starter' }));
    await screen.findByRole('region', { name: 'Starter v1' });
    const names = (name: string) =>
      within(region(name))
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label') ?? b.textContent);
    expect(names('Starter v1')).toEqual(['Deprecate Starter v1']);
    expect(names('Starter v3')).toEqual(['Restore Starter v3']);
    expect(names('Starter v2')).toEqual(
      expect.arrayContaining(['Activate Starter v2', 'Archive Starter v2', 'Delete Starter v2', 'Edit price of platform-fee', 'Set price']),
    );
    expect(within(region('Starter v1')).queryByRole('form')).toBeNull();
    expect(within(region('Starter v2')).getByRole('form', { name: 'Price editor of Starter v2' })).toBeTruthy();
  });

  it('changes version statuses with the right mutation, confirming deprecation', async () => {
    const deprecate = versionStatusMock('v1', 'DEPRECATE', 'DEPRECATED');
    const restore = versionStatusMock('v3', 'RESTORE', 'DEPRECATED');
    const activate = versionStatusMock('v2', 'ACTIVATE', 'ACTIVE');
    renderPlans([plansMock([starter]), planMock('p1', [v1, v2, v3]), deprecate, restore, activate]);
    fireEvent.click(await screen.findByRole('button', { name: 'Open plan starter' }));
    await screen.findByRole('region', { name: 'Starter v1' });

    fireEvent.click(screen.getByRole('button', { name: 'Deprecate Starter v1' }));
    expect(within(region('Starter v1')).getByText(/New subscriptions can no longer use it/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm deprecate Starter v1' }));
    await waitFor(() => expect(within(region('Starter v1')).getByText('DEPRECATED', { selector: '.badge' })).toBeTruthy());
    expect(deprecate.result).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Archive Starter v1' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Restore Starter v3' }));
    await waitFor(() => expect(restore.result).toHaveBeenCalledTimes(1));

    fireEvent.click(screen.getByRole('button', { name: 'Activate Starter v2' }));
    await waitFor(() => expect(within(region('Starter v2')).getByText('ACTIVE', { selector: '.badge' })).toBeTruthy());
    expect(activate.result).toHaveBeenCalledTimes(1);
    expect(within(region('Starter v2')).queryByRole('form')).toBeNull();
  });

  it('creates a new version copied from the latest, and deletes a draft after confirmation', async () => {
    const v4 = version('v4', 4, 'DRAFT', [{ ...flat100, id: 'pp4' }]);
    const create = vi.fn(() => ({ data: { createPlanVersion: v4 } }));
    const erase = vi.fn(() => ({ data: { deletePlanVersion: true } }));
    renderPlans([
      plansMock([starter]),
      planMock('p1', [v1, v2, v3]),
      { request: { query: CatalogCreatePlanVersionDocument, variables: { plan: 'p1', from: 'v3' } }, result: create },
      { request: { query: CatalogDeletePlanVersionDocument, variables: { planVersion: 'v2' } }, result: erase },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Open plan starter' }));
    await screen.findByRole('region', { name: 'Starter v1' });
    expect((screen.getByLabelText('Copy prices from') as HTMLSelectElement).value).toBe('v3');

    fireEvent.click(screen.getByRole('button', { name: 'New version of Starter' }));
    expect(await screen.findByRole('region', { name: 'Starter v4' })).toBeTruthy();
    expect(create).toHaveBeenCalledTimes(1);
    // The list's summary of the plan shows it too (same cache entry).
    expect(within(screen.getByRole('article', { name: 'Plan Starter' })).getByText('v4 DRAFT')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Delete Starter v2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm delete Starter v2' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Starter v2' })).toBeNull());
    expect(erase).toHaveBeenCalledTimes(1);
  });

  it('opens an existing price of a draft in the editor, and removes a price', async () => {
    const remove = vi.fn(() => ({ data: { removePrice: { ...v2, prices: [] } } }));
    renderPlans([
      plansMock([planSummary('p1', 'starter', 'Starter', [v2])]),
      planMock('p1', [v2]),
      { request: { query: CatalogRemovePriceDocument, variables: { planVersion: 'v2', productItem: 'i1' } }, result: remove },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Open plan starter' }));
    await screen.findByRole('region', { name: 'Starter v2' });
    const prices = screen.getByRole('table', { name: 'Prices of Starter v2' });
    expect(within(prices).getByRole('row', { name: /platform-fee/ }).textContent).toContain('FLAT 100');

    fireEvent.click(screen.getByRole('button', { name: 'Edit price of platform-fee' }));
    const editor = screen.getByRole('form', { name: 'Price editor of Starter v2' });
    expect(within(editor).getByRole('heading', { name: 'Edit the price of Platform fee' })).toBeTruthy();
    expect((within(editor).getByLabelText('Amount') as HTMLInputElement).value).toBe('100');
    expect((within(editor).getByLabelText('Timing') as HTMLSelectElement).value).toBe('IN_ADVANCE');
    fireEvent.click(within(editor).getByRole('button', { name: 'Cancel edit' }));
    const blank = screen.getByRole('form', { name: 'Price editor of Starter v2' });
    expect(within(blank).getByRole('heading', { name: 'Set a price' })).toBeTruthy();
    expect((within(blank).getByLabelText('Product item') as HTMLSelectElement).value).toBe('');

    fireEvent.click(screen.getByRole('button', { name: 'Remove price of platform-fee' }));
    expect(await within(region('Starter v2')).findByText('No prices yet.')).toBeTruthy();
    expect(remove).toHaveBeenCalledTimes(1);
  });

  it('opens a plan it creates, even when the list has not loaded it', async () => {
    const created = planSummary('p9', 'pro', 'Pro', [version('x1', 1, 'DRAFT')]);
    renderPlans([
      plansMock([starter], true),
      {
        request: {
          query: CatalogCreatePlanDocument,
          variables: { input: { reference: 'pro', name: 'Pro', currency: 'EUR', billingPeriod: 'MONTH' } },
        },
        result: { data: { createPricingPlan: created } },
      },
      planMock('p9', [version('x1', 1, 'DRAFT')]),
    ]);
    await screen.findByRole('article', { name: 'Plan Starter' });
    fireEvent.click(screen.getByRole('button', { name: 'New plan' }));
    const form = screen.getByRole('form', { name: 'New plan' });
    fireEvent.change(within(form).getByLabelText('Reference'), { target: { value: 'pro' } });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Pro' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create plan' }));
    expect(await screen.findByRole('region', { name: 'Pro v1' })).toBeTruthy();
    expect(within(region('Pro v1')).getByText('DRAFT', { selector: '.badge' })).toBeTruthy();
  });
});
