import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** How many items a list is assumed to hold when computing the cost of an operation. */
export interface CostOptions {
  /** An unpaginated list field (`Customer.subscriptions`, `Invoice.lines`): items assumed per parent. */
  listSize: number;
  /** A paginated field (argument `first`/`last`/`limit`) without that argument: the server's default page size. */
  defaultPageSize: number;
  /** The largest page a paginated field serves (a larger `first` is refused by the subgraph with BAD_USER_INPUT). */
  maxPageSize: number;
  /** Unpaginated lists known to hold a handful of items (`Type.field` → items assumed), instead of `listSize`. */
  listSizes: Record<string, number>;
}

/**
 * The parts of one price (tiers, steps, percentage tiers, dimension rules) and of one price's breakdown: a handful of
 * entries each. Counting them as `listSize` would make every screen that shows a plan's prices "too complex" (a plan's
 * versions × prices × dimensions × tiers), while they never fan out.
 */
const PRICE_PARTS = 5;
export const defaultListSizes: Record<string, number> = Object.fromEntries(
  [
    'PriceConfig.tiers',
    'PriceConfig.steps',
    'PriceConfig.percentageTiers',
    'PriceDefinition.tiers',
    'PriceDefinition.steps',
    'PriceDefinition.percentageTiers',
    'PriceDefinition.dimensions',
    'PricePreview.breakdown',
    'InvoiceLine.breakdown',
  ].map((field) => [field, PRICE_PARTS]),
);

export const defaultCostOptions: CostOptions = { listSize: 20, defaultPageSize: 20, maxPageSize: 100, listSizes: defaultListSizes };

/** Arguments that size a page. */
const PAGE_ARGUMENTS = ['first', 'last', 'limit'];

/**
 * The worst-case number of fields an operation resolves: every field costs 1 (`__typename` 0), and everything below a
 * list is counted once per item it may hold — a paginated field's page size (`first`, else the default page size;
 * never more than the largest page) for its `edges`/`nodes` lists, `listSize` for a list field without pagination.
 * Nested lists multiply: `customer { subscriptions { customer { subscriptions { id } } } }` costs about listSize².
 * Fragments of an abstract type are all counted (an upper bound); `@skip`/`@include` are ignored (also an upper bound).
 * Pure: no I/O. `operationName` picks the operation as graphql-js does (required when the document has several).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string | null,
  options: CostOptions = defaultCostOptions,
): number {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d] as const),
  );
  const defaults = new Map(
    (operation.variableDefinitions ?? []).map((v) => [
      v.variable.name.value,
      v.defaultValue ? valueFromASTUntyped(v.defaultValue) : undefined,
    ]),
  );
  const variable = (name: string) => (variables[name] !== undefined && variables[name] !== null ? variables[name] : defaults.get(name));

  const pageSizeOf = (node: FieldNode): number | undefined => {
    const argument = node.arguments?.find((a) => PAGE_ARGUMENTS.includes(a.name.value));
    if (!argument) return undefined;
    const value = argument.value.kind === Kind.VARIABLE ? variable(argument.value.name.value) : valueFromASTUntyped(argument.value);
    if (value === undefined || value === null) return options.defaultPageSize;
    // A value the subgraph refuses (0, negative, too large, not an integer) is refused there with BAD_USER_INPUT
    // naming the argument: count it as the largest page, so the refusal is the subgraph's, not "too complex".
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= options.maxPageSize ? value : options.maxPageSize;
  };

  const fieldOf = (type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined => {
    if (name === SchemaMetaFieldDef.name && type === root) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name && type === root) return TypeMetaFieldDef;
    return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
  };

  /**
   * Cost of a selection on `type`. `page` is the page size of the paginated field the selection belongs to: its list
   * fields (`edges`, `nodes`) hold that many items. `seen` guards against fragment cycles (refused by validation anyway).
   */
  const selectionCost = (selectionSet: SelectionSetNode, type: GraphQLNamedType, page: number | undefined, seen: Set<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, type, page, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? type) : type;
        total += selectionCost(selection.selectionSet, on, page, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const on = schema.getType(fragment.typeCondition.name.value) ?? type;
        total += selectionCost(fragment.selectionSet, on, page, new Set([...seen, fragment.name.value]));
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLNamedType, page: number | undefined, seen: Set<string>): number => {
    if (node.name.value === '__typename') return 0;
    const field = fieldOf(parent, node.name.value);
    if (!field || !node.selectionSet) return 1; // a leaf (or a field validation refuses anyway)
    const ownPage = pageSizeOf(node);
    const isList = isListType(getNullableType(field.type));
    const items = isList ? (ownPage ?? page ?? options.listSizes[`${parent.name}.${field.name}`] ?? options.listSize) : 1;
    // A paginated field that is not itself a list (a connection) passes its page size on to its lists.
    const childPage = isList ? undefined : ownPage;
    return 1 + items * selectionCost(node.selectionSet, getNamedType(field.type), childPage, seen);
  };

  return selectionCost(operation.selectionSet, root, undefined, new Set());
}
