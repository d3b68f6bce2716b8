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

export enum StatusAction {
  ACTIVATE = 'ACTIVATE',
  DEPRECATE = 'DEPRECATE',
  ARCHIVE = 'ARCHIVE',
  RESTORE = 'RESTORE',
}
registerEnumType(StatusAction, {
  name: 'StatusAction',
  valuesConfig: {
    ACTIVATE: { description: 'DRAFT → ACTIVE' },
    DEPRECATE: { description: 'ACTIVE → DEPRECATED' },
    ARCHIVE: { description: 'DRAFT or DEPRECATED → ARCHIVED' },
    RESTORE: { description: 'ARCHIVED → the status it had before' },
  },
});
