import { Global, Module } from '@nestjs/common';
import { AuditController } from '../audit/audit.controller';
import { KeysController } from './keys.controller';
import { KeysService } from './keys.service';

@Global()
@Module({ controllers: [KeysController, AuditController], providers: [KeysService], exports: [KeysService] })
export class AuthModule {}
