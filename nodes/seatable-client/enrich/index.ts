// Items a workflow can use without another call: full rows, people by name, links by display value.
export { ItemEnricher, wantsItemEnrichment, DEFAULT_TIMING, type EnrichTiming, type ItemOptions } from './enricher';
export { CollaboratorDirectory, collaboratorsFor, type Person } from './collaborators';
export { RowCache } from './rowCache';
export { RowFetcher, MAX_IDS } from './rowFetcher';
