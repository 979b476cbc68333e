// Public API of the operation library: raw update-dtable operations → readable, filterable items.
export { categoryOf, changesSchema, invalidatesNames, isBatchOperation, tableIdOf, type OperationCategory } from './classify';
export { kindOf, type OperationKind } from './opKinds';
export { splitRowChanges, changedColumnKeys, type RowChange, type RowChangeKind } from './rowChanges';
export { splitLinkChanges, type LinkChange } from './linkChanges';
export { BaseSchema, type ColumnSchema, type TableSchema } from './schema';
export { describeSchemaChange } from './schemaChanges';
export { operationToItems, DEFAULT_ENRICH_OPTIONS } from './toItems';
export type {
	BaseMetadata,
	ChangeEvent,
	EnrichOptions,
	EventItem,
	JsonObject,
	LinkDetails,
	LinkRowChange,
	OperationInput,
	RawOperation,
	SchemaChange,
} from './types';
