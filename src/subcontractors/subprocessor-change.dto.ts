import { RecordViewOf } from '../common/responses.dto';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SourceDto } from '../common/shared.dto';
import { IsIsoDate, IsIsoInstant, IsKey, IsKeyRef, LIMITS, NestedObject, OptionalText } from '../common/validators';
import { CHANGE_KINDS, ChangeKind } from '../reference/vocabulary';

export class ObjectionDto {
  @ApiProperty({ example: '2026-03-10T09:00:00+01:00' })
  @IsIsoInstant()
  at!: string;

  @OptionalText(LIMITS.longText)
  reason?: string;
}

/** A processor's notice that it adds or replaces a sub-processor (Art. 28(2)). */
export class CreateSubprocessorChangeDto {
  @IsKey()
  key!: string;

  @IsKeyRef('engagement with the processor giving notice (its DPA sets the objection window)')
  engagement!: string;

  @IsKeyRef('key of the incoming sub-processor')
  subprocessor!: string;

  @ApiProperty({ enum: CHANGE_KINDS })
  @IsIn(CHANGE_KINDS)
  kind!: ChangeKind;

  @IsKeyRef('key of the sub-processor being replaced', true)
  replaces?: string;

  @ApiProperty({ example: '2026-03-02T10:00:00+01:00' })
  @IsIsoInstant()
  noticeReceivedAt!: string;

  @ApiPropertyOptional({ example: '2026-04-01' })
  @IsOptional()
  @IsIsoDate()
  plannedEffectiveOn?: string;

  @NestedObject(() => ObjectionDto)
  objection?: ObjectionDto;

  @OptionalText(LIMITS.longText)
  notes?: string;

  @NestedObject(() => SourceDto)
  source?: SourceDto;
}

export class UpdateSubprocessorChangeDto extends PartialType(OmitType(CreateSubprocessorChangeDto, ['key'] as const)) {}

/** A sub-processor change as the API answers it: what was written, with its timestamps. */
export class SubprocessorChangeViewDto extends RecordViewOf(CreateSubprocessorChangeDto) {}
