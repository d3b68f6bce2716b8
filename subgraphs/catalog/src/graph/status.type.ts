import { registerEnumType } from 'type-graphql';

export enum CatalogStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  DEPRECATED = 'DEPRECATED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(CatalogStatus, {
  name: 'CatalogStatus',
  description: 'DRAFT → ACTIVE → DEPRECATED → ARCHIVED; drafts and deprecated resources can be archived and restored',
});

export { StatusAction } from '@meterline/kit';
