/**
 * Text tables: CSV as French spreadsheets write it (`;`), as the rest of the world does (`,`),
 * tab-separated text (what a table copied from a web page or a spreadsheet pastes as) and Markdown
 * pipe tables. Quotes follow RFC 4180 (`"a ""b"""`, line breaks inside quotes). Nothing is
 * interpreted: a cell that starts with `=` is text like any other.
 */
const DELIMITERS = [';', '\t', ',', '|'] as const;

export function parseDelimited(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const lines = body.split(/\r\n|\n|\r/);
  if (isMarkdownTable(lines)) return markdownRows(lines);
  const delimiter = detectDelimiter(body);
  return trimEmptyTail(parseWith(body, delimiter));
}

function isMarkdownTable(lines: string[]): boolean {
  const filled = lines.filter((l) => l.trim());
  return filled.length >= 2 && filled.every((l) => l.trim().startsWith('|')) && /^\s*\|?\s*:?-{3,}/.test(filled[1]);
}

function markdownRows(lines: string[]): string[][] {
  return lines
    .filter((l) => l.trim() && !/^\s*\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*$/.test(l))
    .map((l) =>
      l
        .trim()
        .replace(/^\|/, '')
        .replace(/\|$/, '')
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|')),
    );
}

/** The delimiter that splits the first lines into the most rows of the same width. */
function detectDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best: string = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const rows = parseWith(sample, d).slice(0, 30);
    const widths = rows.filter((r) => r.some((c) => c !== '')).map((r) => r.length);
    if (!widths.length || Math.max(...widths) < 2) continue;
    const counts = new Map<number, number>();
    for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
    const [width, same] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    const score = same * 100 + width;
    if (width >= 2 && score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function parseWith(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && !started) {
      quoted = true;
      started = true;
    } else if (ch === delimiter) {
      row.push(cell);
      cell = '';
      started = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      started = false;
    } else {
      cell += ch;
      if (ch !== ' ') started = true;
    }
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.map((r) => r.map((c) => c.replace(/\r\n?/g, '\n')));
}

function trimEmptyTail(rows: string[][]): string[][] {
  let end = rows.length;
  while (end > 0 && rows[end - 1].every((c) => c.trim() === '')) end--;
  return rows.slice(0, end);
}
