/**
 * Paths to the keys a record holds, e.g. `provider`, `uses[].engagement`, `treatments[]`,
 * `notifications[].from`. A segment ending in `[]` is a list. Used to check references on every
 * write path and to find who still refers to a record, from one declaration per reference.
 */
export interface KeyAt {
  /** The concrete path, e.g. `uses[2].engagement` (what an error names). */
  field: string;
  value: string;
}

export function keysAt(record: unknown, path: string): KeyAt[] {
  let current: { field: string; value: unknown }[] = [{ field: '', value: record }];
  for (const segment of path.split('.')) {
    const list = segment.endsWith('[]');
    const name = list ? segment.slice(0, -2) : segment;
    const next: { field: string; value: unknown }[] = [];
    for (const { field, value } of current) {
      if (value === null || typeof value !== 'object') continue;
      const child = name ? (value as Record<string, unknown>)[name] : value;
      const base = name ? (field ? `${field}.${name}` : name) : field;
      if (!list) next.push({ field: base, value: child });
      else if (Array.isArray(child)) child.forEach((item, i) => next.push({ field: `${base}[${i}]`, value: item }));
    }
    current = next;
  }
  return current.filter((c): c is KeyAt => typeof c.value === 'string');
}

/** The top-level field a path starts in (the column that holds it). */
export function rootField(path: string): string {
  return path.split('.')[0].replace(/\[\]$/, '');
}
