import { applyLifecycle, badInput, invalidTransition, notFound, paginate, PageArgs, type RequestContext } from '@meterline/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  checkCurrency,
  checkModelForChargeType,
  checkVersionActivatable,
  checkVersionEditable,
  effectiveLineOrder,
  recurringTimingFor,
} from '../domain/plan-version';
import { validatePrice } from '../domain/price';
import { checkProductUsableInVersion, validateNewProduct } from '../domain/product';
import { emitPlanVersionDrafted, emitPlanVersionStatus } from '../events/catalog.events';
import { PlanRepository } from '../store/plan.repository';
import { ProductRepository } from '../store/product.repository';
import { loadVersionSnapshot } from '../store/version-snapshot';
import type { PlanVersionEntity, PricingPlanEntity } from '../store/plan.entity';
import { Feature } from './feature.type';
import { FeatureRepository } from '../store/feature.repository';
import {
  CreatePricingPlanInput,
  Entitlement,
  PlanPrice,
  PricingPlan,
  PricingPlanConnection,
  PricingPlanVersion,
  SetEntitlementInput,
  SetPriceInput,
  UpdatePlanVersionInput,
} from './plan.type';
import { priceFromJson, priceInputToJson } from './price.mapper';
import { StatusAction } from './status.type';

@Resolver(() => PricingPlan)
export class PricingPlanResolver {
  @Query(() => PricingPlan, { nullable: true, description: 'A pricing plan by id or reference' })
  async pricingPlan(@Ctx() ctx: RequestContext, @Arg('plan') plan: string): Promise<PricingPlan | null> {
    return new PlanRepository(ctx).getPlan(plan).catch(() => null);
  }

  @Query(() => PricingPlanConnection)
  async pricingPlans(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return paginate(new PlanRepository(ctx).planQuery(), 'pl', page);
  }

  @FieldResolver(() => [PricingPlanVersion], { description: 'Oldest first; archived versions included' })
  versions(@Root() plan: PricingPlanEntity, @Ctx() ctx: RequestContext): Promise<PricingPlanVersion[]> {
    return new PlanRepository(ctx).versionsOf(plan.id);
  }

  @Mutation(() => PricingPlan, { description: 'Creates a plan with its first version in DRAFT' })
  async createPricingPlan(@Ctx() ctx: RequestContext, @Arg('input') input: CreatePricingPlanInput): Promise<PricingPlan> {
    const { reference, name, description } = validateNewProduct(input);
    const currency = checkCurrency(input.currency);
    const plans = new PlanRepository(ctx);
    return ctx.db.transact(async (tx) => {
      const plan = await plans.insertPlan(tx, { reference, name, description });
      const version = await plans.insertVersion(tx, plan.id, {
        currency,
        billingPeriod: input.billingPeriod,
        minimumCommitment: null,
        lineOrder: null,
      });
      await emitPlanVersionDrafted(tx, ctx.platformId, version.id);
      return plan;
    });
  }
}

@Resolver(() => PricingPlanVersion)
export class PlanVersionResolver {
  @Query(() => PricingPlanVersion, { nullable: true })
  async planVersion(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<PricingPlanVersion | null> {
    return new PlanRepository(ctx).versionById(id);
  }

  @FieldResolver(() => PricingPlan)
  async plan(@Root() version: PlanVersionEntity, @Ctx() ctx: RequestContext): Promise<PricingPlan> {
    return (await new PlanRepository(ctx).planById(version.planId))!;
  }

  @FieldResolver(() => [PlanPrice], { description: 'In invoice line order: the version’s order, else catalog order' })
  async prices(@Root() version: PlanVersionEntity, @Ctx() ctx: RequestContext): Promise<PlanPrice[]> {
    const prices = await new PlanRepository(ctx).pricesOf(version.id);
    const ordered = effectiveLineOrder(
      prices.map((p) => ({ ...p, productPosition: p.productItem.product.position, itemPosition: p.productItem.position })),
      version.lineOrder,
    );
    return ordered.map((p) => ({
      id: p.id,
      productItem: p.productItem,
      recurringTiming: p.recurringTiming,
      price: priceFromJson(p.config),
    }));
  }

  @FieldResolver(() => [Entitlement])
  async entitlements(@Root() version: PlanVersionEntity, @Ctx() ctx: RequestContext): Promise<Entitlement[]> {
    const entitlements = await new PlanRepository(ctx).entitlementsOf(version.id);
    return entitlements.map((e) => ({ feature: e.feature as Feature, enabled: e.enabled, limit: e.limit }));
  }

  @Mutation(() => PricingPlanVersion, { description: 'A new DRAFT version of a plan, copied from `from` (default: the latest version)' })
  async createPlanVersion(
    @Ctx() ctx: RequestContext,
    @Arg('plan', { description: 'Plan id or reference' }) planId: string,
    @Arg('from', () => ID, { nullable: true }) fromId?: string,
  ): Promise<PricingPlanVersion> {
    const plans = new PlanRepository(ctx);
    const plan = await plans.getPlan(planId);
    const versions = await plans.versionsOf(plan.id);
    const from = fromId ? versions.find((v) => v.id === fromId) : versions.at(-1);
    if (!from) throw notFound('Plan version', 'from');
    return ctx.db.transact(async (tx) => {
      const copy = await plans.copyVersion(tx, from);
      await emitPlanVersionDrafted(tx, ctx.platformId, copy.id);
      return copy;
    });
  }

  @Mutation(() => PricingPlanVersion, { description: 'Changes a DRAFT version’s currency, period, minimum commitment or line order' })
  async updatePlanVersion(@Ctx() ctx: RequestContext, @Arg('input') input: UpdatePlanVersionInput): Promise<PricingPlanVersion> {
    const plans = new PlanRepository(ctx);
    const products = new ProductRepository(ctx);
    const lineOrder = input.lineOrder ? (await products.getItems(input.lineOrder, (i) => `lineOrder[${i}]`)).map((x) => x.id) : undefined;
    if (lineOrder && new Set(lineOrder).size !== lineOrder.length) throw badInput('lineOrder', 'lineOrder lists a product item twice');
    if (input.minimumCommitment?.isNegative()) throw badInput('minimumCommitment', 'minimumCommitment must not be negative');
    return ctx.db.transact(async (tx) => {
      const version = await plans.lockVersion(tx, input.planVersion);
      checkVersionEditable(version.status);
      const updated = await plans.updateVersion(tx, version, {
        ...(input.currency !== undefined && input.currency !== null ? { currency: checkCurrency(input.currency) } : {}),
        ...(input.billingPeriod ? { billingPeriod: input.billingPeriod } : {}),
        ...(input.minimumCommitment ? { minimumCommitment: input.minimumCommitment } : {}),
        ...(input.clearMinimumCommitment ? { minimumCommitment: null } : {}),
        ...(lineOrder ? { lineOrder: lineOrder.length > 0 ? lineOrder : null } : {}),
      });
      await emitPlanVersionDrafted(tx, ctx.platformId, updated.id);
      return updated;
    });
  }

  @Mutation(() => PricingPlanVersion, { description: 'Sets the price of a product item in a DRAFT version (one price per item)' })
  async setPrice(@Ctx() ctx: RequestContext, @Arg('input') input: SetPriceInput): Promise<PricingPlanVersion> {
    const plans = new PlanRepository(ctx);
    const products = new ProductRepository(ctx);
    const item = await products.getItem(input.productItem);
    const product = (await products.byId(item.productId))!;
    checkProductUsableInVersion(product.status, 'productItem');
    const json = priceInputToJson(input.price);
    const price = validatePrice(json, 'price');
    checkModelForChargeType(price.config.model, item.chargeType, 'price.model');
    for (const [i, rule] of price.dimensions.entries())
      checkModelForChargeType(rule.config.model, item.chargeType, `price.dimensions[${i}].price.model`);
    const recurringTiming = recurringTimingFor(item.chargeType, input.recurringTiming);
    return ctx.db.transact(async (tx) => {
      const version = await plans.lockVersion(tx, input.planVersion);
      checkVersionEditable(version.status);
      await plans.upsertPrice(tx, version.id, item.id, json, recurringTiming);
      await emitPlanVersionDrafted(tx, ctx.platformId, version.id);
      return version;
    });
  }

  @Mutation(() => PricingPlanVersion, { description: 'Removes a product item’s price from a DRAFT version' })
  async removePrice(
    @Ctx() ctx: RequestContext,
    @Arg('planVersion', () => ID) versionId: string,
    @Arg('productItem') itemId: string,
  ): Promise<PricingPlanVersion> {
    const plans = new PlanRepository(ctx);
    const item = await new ProductRepository(ctx).getItem(itemId);
    return ctx.db.transact(async (tx) => {
      const version = await plans.lockVersion(tx, versionId);
      checkVersionEditable(version.status);
      if (!(await plans.removePrice(tx, version.id, item.id))) throw notFound('Price', 'productItem');
      await emitPlanVersionDrafted(tx, ctx.platformId, version.id);
      return version;
    });
  }

  @Mutation(() => PricingPlanVersion, { description: 'Grants a feature in a DRAFT version, on/off or with a limit' })
  async setEntitlement(@Ctx() ctx: RequestContext, @Arg('input') input: SetEntitlementInput): Promise<PricingPlanVersion> {
    const plans = new PlanRepository(ctx);
    const feature = await new FeatureRepository(ctx).get(input.feature);
    if (input.limit?.isNegative()) throw badInput('limit', 'limit must not be negative');
    return ctx.db.transact(async (tx) => {
      const version = await plans.lockVersion(tx, input.planVersion);
      checkVersionEditable(version.status);
      await plans.upsertEntitlement(tx, version.id, feature.id, input.enabled, input.limit ?? null);
      await emitPlanVersionDrafted(tx, ctx.platformId, version.id);
      return version;
    });
  }

  @Mutation(() => PricingPlanVersion)
  async removeEntitlement(
    @Ctx() ctx: RequestContext,
    @Arg('planVersion', () => ID) versionId: string,
    @Arg('feature') featureId: string,
  ): Promise<PricingPlanVersion> {
    const plans = new PlanRepository(ctx);
    const feature = await new FeatureRepository(ctx).get(featureId);
    return ctx.db.transact(async (tx) => {
      const version = await plans.lockVersion(tx, versionId);
      checkVersionEditable(version.status);
      if (!(await plans.removeEntitlement(tx, version.id, feature.id))) throw notFound('Entitlement', 'feature');
      await emitPlanVersionDrafted(tx, ctx.platformId, version.id);
      return version;
    });
  }

  @Mutation(() => PricingPlanVersion, {
    description:
      'ACTIVATE (needs prices and only active products), DEPRECATE, ARCHIVE or RESTORE a version; announced on NATS with its full state',
  })
  async changePlanVersionStatus(
    @Ctx() ctx: RequestContext,
    @Arg('planVersion', () => ID) versionId: string,
    @Arg('action', () => StatusAction) action: StatusAction,
  ): Promise<PricingPlanVersion> {
    const plans = new PlanRepository(ctx);
    return ctx.db.transact(async (tx) => {
      const version = await plans.lockVersion(tx, versionId);
      const next = applyLifecycle('Plan version', version, action);
      if (next.status === 'ACTIVE') {
        const snapshot = await loadVersionSnapshot(tx.manager, ctx.platformId, version.id);
        checkVersionActivatable({
          status: version.status,
          prices: snapshot.prices.map((p) => ({ productItemReference: p.productItemReference, productStatus: p.productStatus })),
        });
      }
      const saved = await plans.setLifecycle(tx, version, next);
      await emitPlanVersionStatus(tx, ctx.platformId, saved.id, saved.status);
      return saved;
    });
  }

  @Mutation(() => Boolean, { description: 'Deletes a DRAFT version' })
  async deletePlanVersion(@Ctx() ctx: RequestContext, @Arg('planVersion', () => ID) versionId: string): Promise<boolean> {
    const plans = new PlanRepository(ctx);
    await ctx.db.transact(async (tx) => {
      const version = await plans.lockVersion(tx, versionId);
      if (version.status !== 'DRAFT') throw invalidTransition('Plan version', version.status, 'DELETED');
      await plans.deleteDraftVersion(tx, version);
    });
    return true;
  }
}

export async function resolvePlanVersionReference(reference: { id: string }, ctx: RequestContext): Promise<PricingPlanVersion> {
  const version = await new PlanRepository(ctx).versionById(reference.id);
  if (!version) throw notFound('Plan version');
  return version;
}
