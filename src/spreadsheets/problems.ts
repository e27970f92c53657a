import type { FieldProblem } from '../common/errors';

/** Where a value came from in a file: sheet, 1-based row, column header and cell. */
export interface Location {
  sheet: string;
  row?: number;
  column?: string;
  cell?: string;
  /** The value as the cell holds it. */
  value?: string;
}

/**
 * A problem of an import, located in the file. `error` stops the import; `warning` is written but
 * deserves a look (a value read in a way the person should check); `info` says what was done on
 * their behalf (a French date read, a sheet skipped).
 */
export interface ImportProblem extends Partial<Location> {
  severity: 'error' | 'warning' | 'info';
  /** The path in the data (`treatments[2].dataCategories[0].category`), when the problem has one. */
  field?: string;
  problem: string;
  suggestion?: string;
}

/** Paths of the data read → their cells; suggestions made while reading, shown if the validators refuse the value. */
export class Provenance {
  private readonly cells = new Map<string, Location>();
  private readonly hints = new Map<string, string>();

  set(path: string, location: Location, suggestion?: string): void {
    this.cells.set(path, location);
    if (suggestion) this.hints.set(path, suggestion);
  }

  get(path: string): Location | undefined {
    return this.cells.get(path);
  }

  /** The cell of a path, or of its nearest ancestor (`treatments[2].processingCountries[1]` → the cell of the list). */
  locate(path: string): { location?: Location; suggestion?: string } {
    let p = path;
    while (p) {
      const location = this.cells.get(p);
      if (location) return { location, suggestion: this.hints.get(p) };
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) break;
      p = p.slice(0, cut);
    }
    return {};
  }
}

/** Validation problems (paths into the data) → problems located in the file. */
export function locateProblems(problems: readonly FieldProblem[], provenance: Provenance): ImportProblem[] {
  return problems.map((p) => {
    const { location, suggestion } = provenance.locate(p.field);
    return {
      severity: 'error' as const,
      ...(location ?? {}),
      field: p.field,
      problem:
        location?.value !== undefined && location.cell && !p.problem.includes(`"${location.value}"`)
          ? `"${location.value}": ${p.problem}`
          : p.problem,
      ...(suggestion ? { suggestion } : {}),
    };
  });
}

/** One line a person reads: "Traitements!F14 (Pays): "UK": must be … — did you mean GB?". */
export function describeProblem(p: ImportProblem): string {
  const where = p.sheet
    ? `${p.sheet}${p.cell ? `!${p.cell}` : p.row ? `, row ${p.row}` : ''}${p.column ? ` (${p.column})` : ''}`
    : (p.field ?? '');
  return `${where ? `${where}: ` : ''}${p.problem}${p.suggestion ? ` — ${p.suggestion}` : ''}`;
}

/** The same problems in the API's error shape (`details: [{ field, problem }]`), located. */
export function asFieldProblems(problems: readonly ImportProblem[]): (FieldProblem & Partial<ImportProblem>)[] {
  return problems
    .filter((p) => p.severity === 'error')
    .map((p) => ({
      ...p,
      field: p.sheet ? `${p.sheet}${p.cell ? `!${p.cell}` : p.row ? `!${p.row}` : ''}` : (p.field ?? ''),
      problem: `${p.column ? `column ${p.column}: ` : ''}${p.problem}${p.suggestion ? ` — ${p.suggestion}` : ''}`,
      ...(p.field ? { path: p.field } : {}),
    }));
}
