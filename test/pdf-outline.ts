import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Bookmark {
  title: string;
  page: number;
  /** 0 for a top-level bookmark, 1 for its children, and so on. */
  depth: number;
}

/** The PDF's outline as poppler reads it (`pdftohtml -xml`): every bookmark in document order (pre-order). */
export function pdfOutline(pdf: Buffer, dir: string): Bookmark[] {
  const file = join(dir, `outline-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const xml = execFileSync('pdftohtml', ['-xml', '-stdout', '-i', '-q', '-l', '1', file], { encoding: 'utf8' });
  const unescape = (t: string) =>
    t
      .replace(/&quot;/g, '"')
      .replace(/&apos;|&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const bookmarks: Bookmark[] = [];
  let depth = -1;
  for (const m of xml.matchAll(/<outline>|<\/outline>|<item page="(\d+)">([^<]*)<\/item>/g)) {
    if (m[0] === '<outline>') depth++;
    else if (m[0] === '</outline>') depth--;
    else bookmarks.push({ title: unescape(m[2]).trim(), page: Number(m[1]), depth });
  }
  return bookmarks;
}
