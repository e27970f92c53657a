import { Column, ColumnOptions, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * Column helpers that keep the schema portable between SQLite and PostgreSQL: ids are UUID strings
 * made by the application, dates are `YYYY-MM-DD` strings and instants ISO 8601 strings (no driver
 * time-zone conversion), nested value objects are JSON text.
 */
export const IdColumn = () => PrimaryColumn('varchar', { length: 36 });
export const RefColumn = (name: string, nullable = false) => Column('varchar', { name, length: 36, nullable });
export const KeyColumn = () => Column('varchar', { length: 80 });
export const TextColumn = (name?: string, options: ColumnOptions = {}) =>
  Column('text', { name, nullable: true, ...options });
export const StringColumn = (name?: string, length = 300, nullable = true) =>
  Column('varchar', { name, length, nullable });
export const DateColumn = (name: string) => Column('varchar', { name, length: 10, nullable: true });
export const InstantColumn = (name: string, nullable = true) => Column('varchar', { name, length: 40, nullable });
export const JsonColumn = (name?: string) => Column('simple-json', { name, nullable: true });
export const IntColumn = (name: string) => Column('integer', { name, nullable: true });
export const BoolColumn = (name: string) => Column('boolean', { name, nullable: true });

/**
 * Foreign keys as the migrations declare them (the schema check compares the two). Targets are named by
 * table, so that entities need not import each other. `cascade`: the row goes with the row it points at.
 */
export const References = (table: string, options: { cascade?: boolean } = {}) =>
  ForeignKey(table, options.cascade ? { onDelete: 'CASCADE' } : {});

/** Fields every record of an organisation has; each table declares its unique (organisation, key) index. */
export abstract class OrgRecordEntity {
  @IdColumn()
  id!: string;

  @RefColumn('organisation_id')
  @References('organisations', { cascade: true })
  organisationId!: string;

  @KeyColumn()
  key!: string;

  @InstantColumn('created_at', false)
  createdAt!: string;

  @InstantColumn('updated_at', false)
  updatedAt!: string;
}
