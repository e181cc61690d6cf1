import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type BillingGateway } from '@billing/gateway-application';
import { type GatewayRequest, requestContextOf } from './http-context';

export const BILLING_GATEWAY = Symbol('BillingGateway');
const PUBLIC = 'gateway:public';

/** A route anyone may call: health, metrics, docs, and webhooks (their signature is their authentication). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC, true);

const reflector = new Reflector();
export const isPublic = (context: ExecutionContext): boolean =>
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
