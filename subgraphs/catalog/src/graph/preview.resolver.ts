import { badInput, Money, notFound, type RequestContext } from '@meterline/kit';
import { price as pricePrice, PricingError, roundLine, type DimensionalUsage, type Price, type Usage } from '@meterline/pricing';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { checkCurrency } from '../domain/plan-version';
import { validatePrice } from '../domain/price';
import { PlanRepository } from '../store/plan.repository';
import { ProductRepository } from '../store/product.repository';
import { PricePreview } from './plan.type';
import { priceInputToJson } from './price.mapper';
import { PriceInput, PriceUsageInput, type DimensionUsageInput } from './price.type';

function usageOf(input: { quantity?: PriceUsageInput['quantity']; amounts?: PriceUsageInput['amounts'] }, field: string): Usage {
  const given = [input.quantity, input.amounts].filter((x) => x !== undefined && x !== null).length;
  if (given !== 1) throw badInput(field, 'Give exactly one of quantity and amounts');
  if (input.quantity) {
    if (input.quantity.isNegative()) throw badInput(`${field}.quantity`, 'quantity must not be negative');
    return { kind: 'quantity', quantity: input.quantity };
  }
  return { kind: 'amounts', amounts: input.amounts! };
}

function toEngineUsage(usage: PriceUsageInput): Usage | DimensionalUsage[] {
  if (usage.dimensions?.length) {
    return usage.dimensions.map((d: DimensionUsageInput, i) => ({ properties: d.properties, usage: usageOf(d, `usage.dimensions[${i}]`) }));
  }
  return usageOf(usage, 'usage');
}

function preview(price: Price, usage: PriceUsageInput, currency: string): PricePreview {
  try {
    const result = pricePrice(price, toEngineUsage(usage));
    return { amount: Money.of(roundLine(result.amount, currency), currency), exactAmount: result.amount, breakdown: result.breakdown };
  } catch (error) {
    if (error instanceof PricingError) throw badInput('usage', error.message);
    throw error;
  }
}

@Resolver()
export class PricePreviewResolver {
  @Query(() => PricePreview, { description: 'Prices a usage with a price given here: what a pricing page or the price editor shows' })
  previewPrice(
    @Arg('price', () => PriceInput) price: PriceInput,
    @Arg('currency') currency: string,
    @Arg('usage', () => PriceUsageInput) usage: PriceUsageInput,
  ): PricePreview {
    return preview(validatePrice(priceInputToJson(price)), usage, checkCurrency(currency));
  }

  @Query(() => PricePreview, { description: 'Prices a usage with a product item’s price in a plan version' })
  async previewPlanVersionPrice(
    @Ctx() ctx: RequestContext,
    @Arg('planVersion', () => ID) versionId: string,
    @Arg('productItem') itemId: string,
    @Arg('usage', () => PriceUsageInput) usage: PriceUsageInput,
  ): Promise<PricePreview> {
    const plans = new PlanRepository(ctx);
    const version = await plans.getVersion(versionId);
    const item = await new ProductRepository(ctx).getItem(itemId);
    const stored = (await plans.pricesOf(version.id)).find((p) => p.productItemId === item.id);
    if (!stored) throw notFound('Price', 'productItem');
    return preview(validatePrice(stored.config), usage, version.currency);
  }
}
