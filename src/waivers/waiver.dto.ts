import { RecordViewOf } from '../common/responses.dto';
import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDate, IsKey, LIMITS, Text } from '../common/validators';

/**
 * A DPO's decision to accept a finding for a while, with the reason. Until its end date the finding
 * stays listed, marked as waived, and no longer counts as open.
 */
export class CreateWaiverDto {
  @IsKey()
  key!: string;

  @ApiProperty({
    description: 'id of the finding, as `GET …/findings` returns it, e.g. "dpa.missing:engagement:ovh-hosting"',
    maxLength: 300,
  })
  @IsString()
  @MaxLength(300)
  @Matches(/^[a-z0-9.-]+:[a-z-]+:[^:\s]+(:[^\s]+)?$/, { message: '$property must be a finding id' })
  findingId!: string;

  @Text(LIMITS.shortText, 'why the finding is accepted')
  reason!: string;

  @ApiProperty({ example: '2027-03-31', description: 'last day the waiver applies (inclusive)' })
  @IsIsoDate()
  until!: string;
}

export class UpdateWaiverDto extends PartialType(OmitType(CreateWaiverDto, ['key'] as const)) {}

/** A waiver as the API answers it: what was written, with its timestamps. */
export class WaiverViewDto extends RecordViewOf(CreateWaiverDto) {}
