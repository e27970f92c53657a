import { SourceDto } from '../common/shared.dto';
import { LIMITS, NestedObject, OptionalText, Text } from '../common/validators';

/** One Art. 32(1) measure, as the document words it. */
export class SecurityMeasureDto {
  @OptionalText(LIMITS.name, 'family, e.g. "Techniques", "Gouvernance", "Chiffrement"')
  category?: string;

  @Text(LIMITS.name, 'measure, e.g. "Tracer les accès"')
  title!: string;

  @OptionalText(LIMITS.longText)
  description?: string;

  @NestedObject(() => SourceDto)
  source?: SourceDto;
}
