import { Global, Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { OrganisationResolver } from '../common/organisation-resolver';

@Global()
@Module({
  controllers: [OrganisationsController],
  providers: [OrganisationsService, { provide: OrganisationResolver, useExisting: OrganisationsService }],
  exports: [OrganisationsService, OrganisationResolver],
})
export class OrganisationsModule {}
