/**
 * Typed GraphQL documents for Meterline's public operations (contracts/operations), generated with graphql-codegen:
 * each `…Document` is a TypedDocumentNode carrying its result and variables types, usable with any GraphQL client.
 */
export * from './generated';
