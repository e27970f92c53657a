import { RecordViewOf } from '../common/responses.dto';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsKey, LIMITS } from '../common/validators';

export class CreateAlertChannelDto {
  @IsKey()
  key!: string;

  @ApiProperty({ enum: ['webhook', 'email'] })
  @IsIn(['webhook', 'email'])
  kind!: 'webhook' | 'email';

  @ApiPropertyOptional({ description: 'webhook: the URL that receives a signed JSON POST' })
  @ValidateIf((o: CreateAlertChannelDto) => o.kind === 'webhook')
  @IsUrl(
    { require_protocol: true, protocols: ['http', 'https'], require_tld: false },
    { message: '$property must be an http(s) URL' },
  )
  @MaxLength(LIMITS.shortText)
  url?: string;

  @ApiPropertyOptional({
    description: 'webhook: HMAC-SHA256 key (write-only: never returned)',
    writeOnly: true,
    minLength: 16,
  })
  @ValidateIf((o: CreateAlertChannelDto) => o.kind === 'webhook')
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret?: string;

  @ApiPropertyOptional({ type: [String], description: 'email: recipients of the daily digest' })
  @ValidateIf((o: CreateAlertChannelDto) => o.kind === 'email')
  @IsArray()
  @ArrayMaxSize(50)
  @IsEmail({}, { each: true, message: 'each value in $property must be an e-mail address' })
  recipients?: string[];

  @ApiPropertyOptional({ enum: ['fr', 'en'], default: 'fr' })
  @IsOptional()
  @IsIn(['fr', 'en'])
  lang?: 'fr' | 'en';

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateAlertChannelDto extends PartialType(OmitType(CreateAlertChannelDto, ['key'] as const)) {}

/** A channel as the API answers it: the webhook secret is write-only, never returned. */
export class AlertChannelViewDto extends RecordViewOf(OmitType(CreateAlertChannelDto, ['secret'] as const)) {}
