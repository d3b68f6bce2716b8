import { applyLifecycle, LifecycleActions, LifecycleStatuses, type LifecycleAction, type LifecycleStatus } from '@meterline/kit/domain';
import fc from 'fast-check';
import { checkModelForChargeType, checkVersionActivatable, effectiveLineOrder, recurringTimingFor } from '../src/domain/plan-version';
import { positionsFromOrder, validateNewProductItem } from '../src/domain/product';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: { code: string; field?: string } }).extensions;
  }
  return null;
};

describe('the status flow of products and plan versions', () => {
  const allowed: Record<string, LifecycleStatus> = {
    'DRAFT ACTIVATE': 'ACTIVE',
    'ACTIVE DEPRECATE': 'DEPRECATED',
    'DRAFT ARCHIVE': 'ARCHIVED',
    'DEPRECATED ARCHIVE': 'ARCHIVED',
  };

  it.each(
    LifecycleStatuses.flatMap((status) => LifecycleActions.filter((a) => a !== 'RESTORE').map((action) => [status, action] as const)),
  )('%s + %s follows DESIGN §3 or is refused with INVALID_STATUS_TRANSITION', (status: LifecycleStatus, action: LifecycleAction) => {
    const expected = allowed[`${status} ${action}`];
    if (expected) expect(applyLifecycle('Thing', { status, previousStatus: null }, action).status).toBe(expected);
    else
      expect(fieldOf(() => applyLifecycle('Thing', { status, previousStatus: null }, action))).toMatchObject({
        code: 'INVALID_STATUS_TRANSITION',
        field: 'status',
      });
  });

  it('restores an archived resource to the status it had, and refuses to restore anything else', () => {
    for (const before of ['DRAFT', 'DEPRECATED'] as const) {
      const archived = applyLifecycle('Thing', { status: before, previousStatus: null }, 'ARCHIVE');
      expect(archived).toEqual({ status: 'ARCHIVED', previousStatus: before });
      expect(applyLifecycle('Thing', archived, 'RESTORE')).toEqual({ status: before, previousStatus: null });
    }
    expect(fieldOf(() => applyLifecycle('Thing', { status: 'ACTIVE', previousStatus: null }, 'RESTORE'))?.code).toBe(
      'INVALID_STATUS_TRANSITION',
    );
  });
});

describe('plan versions', () => {
  it('activates only with prices and only active products', () => {
    expect(fieldOf(() => checkVersionActivatable({ status: 'DRAFT', prices: [] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'prices',
    });
    expect(
      fieldOf(() => checkVersionActivatable({ status: 'DRAFT', prices: [{ productItemReference: 'x', productStatus: 'DRAFT' }] }))?.code,
    ).toBe('INVALID_STATUS_TRANSITION');
    expect(() =>
      checkVersionActivatable({ status: 'DRAFT', prices: [{ productItemReference: 'x', productStatus: 'ACTIVE' }] }),
    ).not.toThrow();
  });

  it('keeps percentage models to usage items and gives recurring and seat items a timing', () => {
    expect(fieldOf(() => checkModelForChargeType('PERCENTAGE', 'RECURRING', 'price.model'))).toMatchObject({ field: 'price.model' });
    expect(() => checkModelForChargeType('GRADUATED_PERCENTAGE', 'USAGE', 'price.model')).not.toThrow();
    expect(recurringTimingFor('SEAT', null)).toBe('IN_ADVANCE');
    expect(recurringTimingFor('RECURRING', 'IN_ARREARS')).toBe('IN_ARREARS');
    expect(recurringTimingFor('USAGE', undefined)).toBeNull();
    expect(fieldOf(() => recurringTimingFor('ONE_OFF', 'IN_ADVANCE'))).toMatchObject({ field: 'recurringTiming' });
  });

  it('orders lines by the version’s order, else by catalog order, never losing a line', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(5), { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        (ids, positions, withOrder) => {
          const prices = ids.map((id, i) => ({
            productItemId: id,
            productPosition: positions[i] % 3,
            itemPosition: positions[(i + 1) % 8],
          }));
          const order = withOrder ? [...ids].reverse().slice(0, Math.ceil(ids.length / 2)) : null;
          const result = effectiveLineOrder(prices, order);
          expect(new Set(result.map((p) => p.productItemId))).toEqual(new Set(ids));
          if (order) expect(result.slice(0, order.length).map((p) => p.productItemId)).toEqual(order);
          else
            for (let i = 1; i < result.length; i++) {
              const [a, b] = [result[i - 1], result[i]];
              expect(
                a.productPosition < b.productPosition || (a.productPosition === b.productPosition && a.itemPosition <= b.itemPosition),
              ).toBe(true);
            }
        },
      ),
    );
  });
});

describe('products and items', () => {
  it('requires a metric on usage items and refuses meters, metrics and deductions elsewhere', () => {
    const base = { reference: 'i', name: 'Item' };
    expect(fieldOf(() => validateNewProductItem({ ...base, chargeType: 'USAGE' }))).toMatchObject({ field: 'metricReference' });
    expect(fieldOf(() => validateNewProductItem({ ...base, chargeType: 'SEAT', metricReference: 'm' }))).toMatchObject({
      field: 'metricReference',
    });
    expect(fieldOf(() => validateNewProductItem({ ...base, chargeType: 'ONE_OFF', deduction: true }))).toMatchObject({
      field: 'deduction',
    });
    expect(validateNewProductItem({ ...base, chargeType: 'USAGE', metricReference: 'm', deduction: true })).toMatchObject({
      deduction: true,
      meterReference: null,
    });
  });

  it('reorders only with each current id exactly once', () => {
    expect([...positionsFromOrder(['a', 'b'], ['b', 'a'], 'items')]).toEqual([
      ['b', 0],
      ['a', 1],
    ]);
    for (const bad of [['a'], ['a', 'a'], ['a', 'c']])
      expect(fieldOf(() => positionsFromOrder(['a', 'b'], bad, 'items'))).toMatchObject({ field: 'items' });
  });
});
