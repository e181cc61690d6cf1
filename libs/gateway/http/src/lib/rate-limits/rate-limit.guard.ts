import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { RpcError } from '@billing/service-host';
import type { FastifyReply } from 'fastify';
import { isPublic } from '../guards';
import type { GatewayRequest } from '../http-context';
import { rateLimitHeaders } from './rate-limit-headers';
import type { RateLimiter } from './rate-limiter';

export const RATE_LIMITER = Symbol('RateLimiter');

/**
 * Counts each authenticated request against its caller's budget (after AuthGuard) and
 * says so in `RateLimit` and `RateLimit-Policy`; past the budget, a 429 problem with
 * `Retry-After`. Public routes are not limited here.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(@Inject(RATE_LIMITER) private readonly limiter: RateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    if (isPublic(context) || !request.caller) return true;
    const outcome = this.limiter.take(request.caller);
    void context.switchToHttp().getResponse<FastifyReply>().headers(rateLimitHeaders(outcome));
    if (outcome.allowed) return true;
    const { limit, windowSeconds } = outcome.policy;
    throw new RpcError({
      type: 'rate-limited',
      title: 'Too many requests',
      status: 429,
      detail: `at most ${limit} requests per ${windowSeconds} s for this ${outcome.policyName === 'per-api-key' ? 'API key' : 'user'}; retry after ${outcome.resetSeconds} s`,
      limit,
      retryAfter: outcome.resetSeconds,
    });
  }
}
