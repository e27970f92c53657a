import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { ValidationFailedError } from './errors';

type ArgMetadata = Record<string, { index: number; data?: unknown }>;

/**
 * Unknown query parameters are refused like unknown body fields. Routes that take a query DTO
 * (`@Query() q: SomeQueryDto`) are checked by the validation pipe; this covers the routes that take
 * no query at all or name single parameters, which the pipe never sees.
 */
@Injectable()
export class QueryParamsInterceptor implements NestInterceptor {
  private readonly allowed = new Map<unknown, Set<string> | 'dto'>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const rule = this.ruleOf(context);
    if (rule !== 'dto') {
      const query = context.switchToHttp().getRequest<Request>().query ?? {};
      const unknown = Object.keys(query).filter((name) => !rule.has(name));
      if (unknown.length) {
        throw new ValidationFailedError(
          unknown.map((name) => ({ field: name, problem: `property ${name} should not exist` })),
          'The request is not valid: unknown query parameter',
        );
      }
    }
    return next.handle();
  }

  private ruleOf(context: ExecutionContext): Set<string> | 'dto' {
    const handler = context.getHandler();
    let rule = this.allowed.get(handler);
    if (!rule) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as ArgMetadata;
      const names = new Set<string>();
      rule = names;
      for (const [key, arg] of Object.entries(args)) {
        if (Number(key.split(':')[0]) !== Number(RouteParamtypes.QUERY)) continue;
        if (typeof arg.data === 'string') names.add(arg.data);
        else rule = 'dto';
      }
      this.allowed.set(handler, rule);
    }
    return rule;
  }
}
