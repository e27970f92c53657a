import { Global, Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { OrganisationResolver, RecordsService } from '../common/records.service';

@Global()
@Module({
  controllers: [OrganisationsController],
  providers: [
    OrganisationsService,
    RecordsService,
    { provide: OrganisationResolver, useExisting: OrganisationsService },
  ],
  exports: [OrganisationsService, RecordsService],
})
export class OrganisationsModule {}
