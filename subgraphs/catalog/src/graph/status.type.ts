// The lifecycle enums are shared with metering's meters: one definition in the kit.
export { LifecycleStatusType as CatalogStatus, StatusAction } from '@meterline/kit';
