import { registerEnumType } from 'type-graphql';

/** The lifecycle actions of meters, products and plan versions, one enum for every subgraph that has them. */
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

/** The lifecycle status of meters, products and plan versions, one enum for every subgraph that has them. */
export enum LifecycleStatusType {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  DEPRECATED = 'DEPRECATED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(LifecycleStatusType, {
  name: 'LifecycleStatus',
  description: 'DRAFT → ACTIVE → DEPRECATED → ARCHIVED; drafts and deprecated resources can be archived and restored',
});
