import { Global, Module } from '@nestjs/common';
import { KeysController } from './keys.controller';
import { KeysService } from './keys.service';

@Global()
@Module({ controllers: [KeysController], providers: [KeysService], exports: [KeysService] })
export class AuthModule {}
