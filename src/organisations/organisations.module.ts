import { Global, Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { RecordsService } from './records.service';

@Global()
@Module({
  controllers: [OrganisationsController],
  providers: [OrganisationsService, RecordsService],
  exports: [OrganisationsService, RecordsService],
})
export class OrganisationsModule {}
