import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/auth.guard';
import { NotFoundError } from '../common/errors';
import { WEB_TEMPLATES_DIR } from './views';

/** htmx from node_modules and the application's own CSS and script, from this origin only (no CDN). */
const FILES: Record<string, { path: () => string; type: string }> = {
  'htmx.min.js': { path: () => require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript' },
  'app.css': { path: () => join(WEB_TEMPLATES_DIR, 'assets', 'app.css'), type: 'text/css' },
  'app.js': { path: () => join(WEB_TEMPLATES_DIR, 'assets', 'app.js'), type: 'text/javascript' },
  'favicon.svg': { path: () => join(WEB_TEMPLATES_DIR, 'assets', 'favicon.svg'), type: 'image/svg+xml' },
};

@ApiExcludeController()
@Public()
@Controller('assets')
export class AssetsController {
  private readonly cache = new Map<string, Buffer>();

  @Get(':name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const file = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
    if (!file) throw new NotFoundError('Asset', name);
    let body = this.cache.get(name);
    if (!body) {
      body = readFileSync(file.path());
      this.cache.set(name, body);
    }
    res.set({ 'Content-Type': `${file.type}; charset=utf-8`, 'Cache-Control': 'public, max-age=3600' });
    res.send(body);
  }
}
