import { TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/*
 * Column shapes shared by the migrations, portable between SQLite and PostgreSQL (see columns.ts):
 * UUID strings made by the application, dates and instants as strings, JSON as text.
 */
export const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });
export const ref = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});
export const str = (name: string, length = 300, nullable = true): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
export const text = (name: string, nullable = true): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});
export const int = (name: string): TableColumnOptions => ({ name, type: 'integer', isNullable: true });
export const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', isNullable: true });
export const date = (name: string): TableColumnOptions => str(name, 10);
export const instant = (name: string, nullable = true): TableColumnOptions => str(name, 40, nullable);

/** id, organisation, key and timestamps: the columns every organisation record starts with. */
export const orgRecord = (): TableColumnOptions[] => [
  id(),
  ref('organisation_id'),
  str('key', 80, false),
  instant('created_at', false),
  instant('updated_at', false),
];

/** A foreign key that deletes the row with the row it points at. */
export const cascade = (column: string, table: string) =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
  });

export const fk = (column: string, table: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'] });

export const uniqueIndex = (name: string, columns: string[]) =>
  new TableIndex({ name, columnNames: columns, isUnique: true });
