import { Injectable } from '@nestjs/common';
import { BundlesService } from '../bundles/bundles.service';
import { Clock } from '../common/clock';
import type { Lang } from '../common/i18n';
import { registreWorkbook } from './registre-workbook';
import { MEDIA_TYPES, WorkbookFormat, writeWorkbook } from './writers';

export interface WorkbookFile {
  data: Buffer;
  filename: string;
  mediaType: string;
}

/** Registre's workbook as files: the empty template a DPO fills by hand, or an organisation's export. */
@Injectable()
export class WorkbookService {
  constructor(
    private readonly bundles: BundlesService,
    private readonly clock: Clock,
  ) {}

  async template(format: WorkbookFormat, lang: Lang = 'fr'): Promise<WorkbookFile> {
    const today = this.clock.today();
    const data = await writeWorkbook(
      registreWorkbook(undefined, { lang, generatedOn: today, created: dayStart(today) }),
      format,
    );
    return {
      data,
      filename: `registre-${lang === 'fr' ? 'modele' : 'template'}.${format}`,
      mediaType: MEDIA_TYPES[format],
    };
  }

  async export(slug: string, format: WorkbookFormat, lang: Lang = 'fr'): Promise<WorkbookFile> {
    const bundle = await this.bundles.export(slug);
    const today = this.clock.today();
    const data = await writeWorkbook(
      registreWorkbook(bundle, { lang, generatedOn: today, created: dayStart(today) }),
      format,
    );
    return { data, filename: `${slug}-registre-${today}.${format}`, mediaType: MEDIA_TYPES[format] };
  }
}

/** The day's start in UTC: file properties say the day, not the second (two exports of a day compare equal). */
function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
