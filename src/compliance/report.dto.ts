import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { DAY } from '../common/responses.dto';
import type { FindingsReport, GroupedReport, SubjectReport } from './compliance.service';
import { SEVERITIES, type Finding, type FindingSubject, type Severity, type SubjectType } from './finding';
import type { RuleGroup, SubjectGroup } from './groups';
import { SUBJECT_TYPES } from '../snapshot/snapshot';

/*
 * Response DTOs of the compliance routes: the rule catalog and the findings report in its three views.
 * Each implements the engine's type, and the controller returns it, so tsc holds the two together.
 */

export class RuleDto {
  @ApiProperty({ example: 'hds.provider-certified' })
  id!: string;

  @ApiProperty({ enum: SEVERITIES, description: 'the most severe level the rule reports' })
  severity!: Severity;

  @ApiProperty()
  title!: string;

  @ApiProperty({ description: 'the legal ground' })
  reference!: string;

  @ApiProperty()
  description!: string;
}

/** The record a finding is about, named for people. */
export class FindingSubjectDto implements FindingSubject {
  @ApiProperty({ enum: SUBJECT_TYPES })
  type!: SubjectType;

  @ApiProperty({ description: 'its key (the slug for the organisation)' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class FindingWaiverDto {
  @ApiProperty({ description: 'the waiver record' })
  key!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty(DAY)
  until!: string;
}

export class FindingDto implements Finding {
  @ApiProperty({
    description: 'stable across evaluations: what a waiver names',
    example: 'hds.provider-certified:engagement:ovh-hds',
  })
  id!: string;

  @ApiProperty()
  ruleId!: string;

  @ApiProperty({ enum: SEVERITIES })
  severity!: Severity;

  @ApiProperty({ type: () => FindingSubjectDto })
  subject!: FindingSubjectDto;

  @ApiProperty()
  message!: string;

  @ApiProperty({ description: 'the legal or contractual ground' })
  reference!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the facts the rule read (per rule)' })
  evidence!: Record<string, unknown>;

  @ApiProperty()
  remediation!: string;

  @ApiProperty({ enum: ['open', 'waived'] })
  status!: 'open' | 'waived';

  @ApiPropertyOptional({ type: () => FindingWaiverDto, description: 'the waiver that accepts it, when waived' })
  waiver?: FindingWaiverDto;
}

export class FindingsSummaryDto {
  @ApiProperty()
  error!: number;

  @ApiProperty()
  warning!: number;

  @ApiProperty()
  info!: number;

  @ApiProperty({ description: 'findings accepted by a waiver still in force' })
  waived!: number;
}

export class OrganisationNameDto {
  @ApiProperty()
  slug!: string;

  @ApiProperty()
  name!: string;
}

/** What every view of the report starts with. */
class ReportHeadDto {
  @ApiProperty(DAY)
  asOf!: string;

  @ApiProperty({ type: () => OrganisationNameDto })
  organisation!: OrganisationNameDto;

  @ApiProperty({ type: () => FindingsSummaryDto })
  summary!: FindingsSummaryDto;
}

/** view=findings (the default): the flat list, most severe first. */
export class FindingsReportDto extends ReportHeadDto implements FindingsReport {
  @ApiProperty({ type: () => [FindingDto] })
  findings!: FindingDto[];
}

export class RuleGroupDto implements RuleGroup {
  @ApiProperty({ description: 'stable: ruleId:severity' })
  id!: string;

  @ApiProperty()
  ruleId!: string;

  @ApiProperty({ enum: SEVERITIES })
  severity!: Severity;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  reference!: string;

  @ApiProperty({ type: String, nullable: true, description: "the group's findings' remediation, when they share one" })
  remediation!: string | null;

  @ApiProperty()
  count!: number;

  @ApiProperty()
  open!: number;

  @ApiProperty()
  waived!: number;

  @ApiProperty({ type: () => [FindingSubjectDto] })
  subjects!: FindingSubjectDto[];

  @ApiProperty({ type: () => [FindingDto] })
  findings!: FindingDto[];
}

/** view=groups: one group per rule and severity. */
export class GroupedReportDto extends ReportHeadDto implements GroupedReport {
  @ApiProperty({ enum: ['groups'] })
  view!: 'groups';

  @ApiProperty({ type: () => [RuleGroupDto] })
  groups!: RuleGroupDto[];
}

export class SubjectGroupDto implements SubjectGroup {
  @ApiProperty({ description: 'stable: type:id' })
  id!: string;

  @ApiProperty({ type: () => FindingSubjectDto })
  subject!: FindingSubjectDto;

  @ApiProperty({ enum: SEVERITIES, description: 'the most severe open finding (or the most severe, all waived)' })
  severity!: Severity;

  @ApiProperty()
  count!: number;

  @ApiProperty()
  open!: number;

  @ApiProperty({ type: [String] })
  ruleIds!: string[];

  @ApiProperty({ type: () => [FindingDto] })
  findings!: FindingDto[];
}

/** view=subjects: one group per record. */
export class SubjectReportDto extends ReportHeadDto implements SubjectReport {
  @ApiProperty({ enum: ['subjects'] })
  view!: 'subjects';

  @ApiProperty({ type: () => [SubjectGroupDto] })
  subjects!: SubjectGroupDto[];
}

export type AnyReportDto = FindingsReportDto | GroupedReportDto | SubjectReportDto;

/** The findings route answers one of the three views, as `view` asks. */
export function ApiReportResponse(): MethodDecorator {
  const views = [FindingsReportDto, GroupedReportDto, SubjectReportDto];
  return (target, key, descriptor) => {
    ApiExtraModels(...views)(target, key, descriptor);
    ApiOkResponse({
      description: 'view=findings (default), view=groups or view=subjects',
      schema: { oneOf: views.map((v) => ({ $ref: getSchemaPath(v) })) },
    })(target, key, descriptor);
  };
}
