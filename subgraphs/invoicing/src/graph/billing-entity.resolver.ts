import { loadById, paginate, type RequestContext } from '@meterline/kit';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { billingOptionsOf } from '../billing/billing-options';
import { assignBillingEntity, createBillingEntity, setDefaultBillingEntity, updateBillingEntity } from '../billing/billing-entities';
import type { BillingEntityChange } from '../domain/billing-entity';
import {
  billingEntitiesByIds,
  billingEntityByIdOrCode,
  billingEntityIdsOfCustomers,
  billingEntityVersionsByIds,
  BillingEntityEntity,
  BillingEntityVersionEntity,
  ensureDefaultBillingEntity,
} from '../store/billing-entities.repository';
import type { InvoiceEntity } from '../store/invoice.entity';
import {
  BillingEntity,
  BillingEntityConnection,
  BillingEntityListArgs,
  BillingEntityVersion,
  BillingEntityVersionConnection,
  CreateBillingEntityInput,
  UpdateBillingEntityInput,
} from './billing-entity.type';
import { Invoice } from './invoice.type';
import { Customer } from './refs/customer.type';

/**
 * The platform's default entity id, made on first need (once per request): a platform always has one, so reads show
 * it even before anything was issued.
 */
export function defaultEntityOf(ctx: RequestContext): Promise<string> {
  return ctx.loaders
    .get<string, string>('defaultBillingEntity', (keys) =>
      Promise.all(keys.map((platformId) => ctx.db.transact((tx) => ensureDefaultBillingEntity(tx, platformId, ctx.clock.now())))),
    )
    .load(ctx.platformId);
}

export const entityById = (ctx: RequestContext, id: string) =>
  loadById(ctx.loaders, 'billingEntityById', (ids) => billingEntitiesByIds(ctx.db.ds, ctx.platformId, ids), id);

const versionById = (ctx: RequestContext, id: string) =>
  loadById(ctx.loaders, 'billingEntityVersionById', (ids) => billingEntityVersionsByIds(ctx.db.ds, ctx.platformId, ids), id);

/** The entity that bills a customer now (its assignment, else the default). */
async function entityOfCustomer(ctx: RequestContext, customerId: string): Promise<BillingEntityEntity> {
  const fallback = await defaultEntityOf(ctx);
  const entityId = await ctx.loaders
    .get<string, string | null>('billingEntityOfCustomer', async (ids) => {
      const found = await billingEntityIdsOfCustomers(ctx.db.ds, ctx.platformId, ids);
      return ids.map((id) => found.get(id) ?? null);
    })
    .load(customerId);
  return (await entityById(ctx, entityId ?? fallback))!;
}

/** The change a create or update input asks for (the address as the domain keeps it: every line, null when absent). */
function changeOf({ address, ...fields }: UpdateBillingEntityInput): BillingEntityChange {
  if (address === undefined) return fields;
  return {
    ...fields,
    address:
      address === null
        ? null
        : {
            line1: address.line1,
            line2: address.line2 ?? null,
            city: address.city,
            postalCode: address.postalCode ?? null,
            state: address.state ?? null,
            country: address.country,
          },
  };
}

@Resolver(() => BillingEntity)
export class BillingEntityResolver {
  @Query(() => BillingEntityConnection, { description: 'The platform’s billing entities, oldest first (the default entity exists always)' })
  async billingEntities(@Ctx() ctx: RequestContext, @Args() page: BillingEntityListArgs) {
    await defaultEntityOf(ctx);
    return paginate(
      ctx.db.ds.getRepository(BillingEntityEntity).createQueryBuilder('e').where('e.platformId = :p', { p: ctx.platformId }),
      'e',
      page,
    );
  }

  @Query(() => BillingEntity, { nullable: true, description: 'A billing entity by id or code' })
  async billingEntity(@Ctx() ctx: RequestContext, @Arg('billingEntity') key: string): Promise<BillingEntityEntity | null> {
    await defaultEntityOf(ctx);
    return billingEntityByIdOrCode(ctx.db.ds, ctx.platformId, key);
  }

  @Mutation(() => BillingEntity, { description: 'Creates a billing entity (version 1); admin keys' })
  createBillingEntity(
    @Ctx() ctx: RequestContext,
    @Arg('input') { code, ...input }: CreateBillingEntityInput,
  ): Promise<BillingEntityEntity> {
    return createBillingEntity(ctx, billingOptionsOf(ctx.db), code, changeOf(input));
  }

  @Mutation(() => BillingEntity, {
    description:
      'Changes a billing entity (by id or code): its next version. Invoices already issued keep the version they were issued with',
  })
  updateBillingEntity(
    @Ctx() ctx: RequestContext,
    @Arg('billingEntity') key: string,
    @Arg('input') input: UpdateBillingEntityInput,
  ): Promise<BillingEntityEntity> {
    return updateBillingEntity(ctx, billingOptionsOf(ctx.db), key, changeOf(input));
  }

  @Mutation(() => BillingEntity, { description: 'Makes a billing entity (by id or code) the platform’s default; admin keys' })
  setDefaultBillingEntity(@Ctx() ctx: RequestContext, @Arg('billingEntity') key: string): Promise<BillingEntityEntity> {
    return setDefaultBillingEntity(ctx, key);
  }

  @Mutation(() => Customer, {
    description:
      'Bills a customer (by id or reference) from a billing entity (by id or code); null: the platform’s default again. Drafts follow at once, issued invoices keep theirs',
  })
  assignBillingEntity(
    @Ctx() ctx: RequestContext,
    @Arg('customer') customer: string,
    @Arg('billingEntity', () => String, { nullable: true }) billingEntity: string | null,
  ): Promise<{ id: string }> {
    return assignBillingEntity(ctx, customer, billingEntity ?? null);
  }

  @FieldResolver(() => Boolean, { description: 'Whether customers without an entity of their own are billed from this one' })
  async isDefault(@Root() entity: BillingEntityEntity, @Ctx() ctx: RequestContext): Promise<boolean> {
    return entity.id === (await defaultEntityOf(ctx));
  }

  @FieldResolver(() => Int, { description: 'The number of its current version' })
  async version(@Root() entity: BillingEntityEntity, @Ctx() ctx: RequestContext): Promise<number> {
    return (await versionById(ctx, entity.currentVersionId))!.version;
  }

  @FieldResolver(() => BillingEntityVersion, { description: 'What new invoices are issued with' })
  async currentVersion(@Root() entity: BillingEntityEntity, @Ctx() ctx: RequestContext): Promise<BillingEntityVersionEntity> {
    return (await versionById(ctx, entity.currentVersionId))!;
  }

  @FieldResolver(() => BillingEntityVersionConnection, { description: 'Its versions, newest first' })
  versions(@Root() entity: BillingEntityEntity, @Ctx() ctx: RequestContext, @Args() page: BillingEntityListArgs) {
    return paginate(
      ctx.db.ds
        .getRepository(BillingEntityVersionEntity)
        .createQueryBuilder('v')
        .where('v.platformId = :p AND v.billingEntityId = :e', { p: ctx.platformId, e: entity.id }),
      'v',
      page,
      'DESC',
    );
  }
}

@Resolver(() => BillingEntityVersion)
export class BillingEntityVersionResolver {
  @FieldResolver(() => BillingEntity)
  async billingEntity(@Root() version: BillingEntityVersionEntity, @Ctx() ctx: RequestContext): Promise<BillingEntityEntity> {
    return (await entityById(ctx, version.billingEntityId))!;
  }
}

@Resolver(() => Customer)
export class CustomerBillingEntityResolver {
  @FieldResolver(() => BillingEntity, { description: 'The entity the customer is billed from: its own, else the platform’s default' })
  billingEntity(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<BillingEntityEntity> {
    return entityOfCustomer(ctx, customer.id);
  }
}

@Resolver(() => Invoice)
export class InvoiceBillingEntityResolver {
  @FieldResolver(() => BillingEntityVersion, {
    description:
      'The seller: issued, the billing entity version it was issued with (never changes); a draft, the current version of its customer’s entity',
  })
  async billingEntity(@Root() invoice: InvoiceEntity, @Ctx() ctx: RequestContext): Promise<BillingEntityVersionEntity> {
    const versionId = invoice.billingEntityVersionId ?? (await entityOfCustomer(ctx, invoice.customerId)).currentVersionId;
    return (await versionById(ctx, versionId))!;
  }
}
