import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ApiKeyInput, BillingGateway } from '@billing/gateway-application';
import { parseCredits } from '@billing/util';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Authenticated, Idempotent } from '../api-docs';
import { ApiKeyBody, RotateApiKeyBody } from '../dto/requests';
import { ApiKeyDto, ApiKeyListDto, CreatedApiKeyDto } from '../dto/responses';
import { BILLING_GATEWAY } from '../guards';
import { callerOf, type GatewayRequest, requestContextOf } from '../http-context';
import { idempotentPost } from '../idempotent-post';
import { pathId, validBody } from '../validate';

/** API keys, managed by a signed-in app user only (an API key cannot make keys: 403). */
@ApiTags('api-keys')
@Authenticated({ appUsersOnly: true })
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Post()
  @ApiOperation({
    summary: 'Create a key; its secret is in this answer only',
    description:
      'Issues an API key for the account. The secret is shown in this answer only and stored as a hash. Only a signed-in app user manages keys, and the plan must include `api_access`. ' +
      'The key acts for the member who makes it: each scope must open something their role may do (else 403), each use is held to their role at the time, and the key stops (401, revoked) when they leave, are removed or get a role that may not hold keys. ' +
      'Scopes limit what the key may do (absent: everything); a budget limits the credits of the API pool it may hold or charge per UTC month or over its life, enforced by the wallet with each reservation; `expires_at` ends it.',
  })
  @ApiBody({ type: ApiKeyBody, required: false })
  @ApiResponse({ status: 201, type: CreatedApiKeyDto })
  @Idempotent()
  create(@Req() request: GatewayRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    return idempotentPost(
      this.gateway,
      request,
      reply,
      201,
      async () => this.gateway.createApiKey(callerOf(request), apiKeyInputOf(validBody(ApiKeyBody, body)), requestContextOf(request)),
      // The secret is never stored: a replay answers the same key without it.
      { kept: (created) => ({ ...created, key: null }) },
    );
  }

  @Get()
  @ApiOperation({
    summary: 'The caller’s keys (never their secrets)',
    description:
      'The account’s API keys, revoked ones included (with why), with their makers and prefixes but never their secrets, their scopes, and each budget with what it has spent and has left.',
  })
  @ApiResponse({ status: 200, type: ApiKeyListDto })
  async list(@Req() request: GatewayRequest): Promise<unknown> {
    return { api_keys: await this.gateway.listApiKeys(callerOf(request), requestContextOf(request)) };
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate a key: a new secret, the old one works for an overlap',
    description:
      'Gives one of the account’s live keys a new secret, shown in this answer only. The secret it replaces keeps working for `overlap_seconds` (default a day), so clients can move without a gap; scopes and budget stay. Another account’s key is not found.',
  })
  @ApiParam({ name: 'id', description: 'The key’s id (`id` in the list, not its secret)', schema: { type: 'string', maxLength: 200 } })
  @ApiBody({ type: RotateApiKeyBody, required: false })
  @ApiResponse({ status: 200, type: CreatedApiKeyDto })
  @ApiProblems(404)
  rotate(@Req() request: GatewayRequest, @Param('id') id: string, @Body() body: unknown): Promise<unknown> {
    const { overlap_seconds: overlap } = validBody(RotateApiKeyBody, body);
    return this.gateway.rotateApiKey(callerOf(request), pathId(id, 'API key'), overlap, requestContextOf(request));
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Revoke a key: it stops working at once',
    description:
      'Revokes one of the account’s API keys; requests with it are refused from now on. Another account’s key is not found.',
  })
  @ApiParam({ name: 'id', description: 'The key’s id (`id` in the list, not its secret)', schema: { type: 'string', maxLength: 200 } })
  @ApiResponse({ status: 200, type: ApiKeyDto })
  @ApiProblems(404)
  revoke(@Req() request: GatewayRequest, @Param('id') id: string): Promise<unknown> {
    return this.gateway.revokeApiKey(callerOf(request), pathId(id, 'API key'), requestContextOf(request));
  }
}

function apiKeyInputOf(body: ApiKeyBody): ApiKeyInput {
  return {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.scopes === undefined ? {} : { scopes: [...new Set(body.scopes)] }),
    ...(body.budget_credits === undefined ? {} : { budget: { limitMillicredits: parseCredits(body.budget_credits), per: body.budget_per ?? 'month' } }),
    ...(body.expires_at === undefined ? {} : { expiresAt: Date.parse(body.expires_at) }),
  };
}
