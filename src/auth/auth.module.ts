import { Global, Module } from '@nestjs/common';
import { KeysController } from './keys.controller';
import { KeysService } from './keys.service';
import { SessionsService } from './sessions.service';
import { UsersService } from './users.service';

@Global()
@Module({
  controllers: [KeysController],
  providers: [KeysService, UsersService, SessionsService],
  exports: [KeysService, UsersService, SessionsService],
})
export class AuthModule {}
