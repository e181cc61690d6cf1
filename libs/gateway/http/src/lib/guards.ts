import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { type BillingGateway } from '@billing/gateway-application';
import { RpcError } from '@billing/service-host';
import { type GatewayRequest, requestContextOf } from './http-context';

export const BILLING_GATEWAY = Symbol('BillingGateway');
const PUBLIC = 'gateway:public';

/** A route anyone may call: health, metrics, docs, and webhooks (their signature is their authentication). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC, true);

const reflector = new Reflector();
const isPublic = (context: ExecutionContext): boolean =>
  reflector.getAllAndOverride<boolean | undefined>(PUBLIC, [context.getHandler(), context.getClass()]) === true;

/** Resolves `Authorization` to a caller before anything else runs; 401 problem when it cannot. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublic(context)) return true;
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    request.caller = await this.gateway.authenticate(request.headers.authorization, requestContextOf(request));
    return true;
  }
}

/**
 * Rate limits per API key and per app user (one budget across routes), answered with a
 * 429 problem and `Retry-After`. Public routes are not limited here.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return isPublic(context);
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const caller = (request as { caller?: GatewayRequest['caller'] }).caller;
    return caller?.keyId ? `key:${caller.keyId}` : `user:${caller?.accountId ?? 'anonymous'}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new RpcError({
      type: 'rate-limited',
      title: 'Too many requests',
      status: 429,
      detail: `at most ${detail.limit} requests per ${Math.round(detail.ttl / 1000)} s for this ${detail.tracker.startsWith('key:') ? 'API key' : 'user'}; retry after ${seconds} s`,
      limit: detail.limit,
      retryAfter: seconds,
    });
  }
}
