import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { AsOfQueryDto } from '../common/query.dto';
import { LIMITS, OptionalText } from '../common/validators';

export class DocumentQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ description: 'DPA annex: the client (controller) it is for, as named in the register' })
  @IsOptional()
  @OptionalText(LIMITS.name)
  client?: string;
}
