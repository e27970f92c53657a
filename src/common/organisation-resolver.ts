import type { EntityManager } from 'typeorm';

/**
 * Resolves an organisation's slug to its row (404 when unknown). The organisations module provides
 * it; records only need the id every query is filtered by.
 */
export abstract class OrganisationResolver {
  abstract find(manager: EntityManager, slug: string): Promise<{ id: string; slug: string }>;
}
