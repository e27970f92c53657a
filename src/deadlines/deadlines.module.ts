import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { DeadlinesController } from './deadlines.controller';

@Module({ imports: [ComplianceModule], controllers: [DeadlinesController] })
export class DeadlinesModule {}
