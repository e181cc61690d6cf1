import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { BillingGateway } from '@billing/gateway-application';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Authenticated, Idempotent } from '../api-docs';
import { AcceptInvitationBody, InvitationBody, MemberRoleBody, OrganisationBody } from '../dto/requests';
import { CreatedInvitationDto, InvitationListDto, MembershipDto, OrganisationDto, OrganisationListDto, OrganisationSummaryDto } from '../dto/responses';
import { BILLING_GATEWAY } from '../guards';
import { callerOf, type GatewayRequest, requestContextOf } from '../http-context';
import { idempotentPost } from '../idempotent-post';
import { pathId, validBody } from '../validate';

const USER_PARAM = { name: 'userId', description: 'The member’s user id (`user_id` in the organisation)', schema: { type: 'string', maxLength: 200 } } as const;
const ROLES = 'Which role may call it is the README’s role table.';

/**
 * The caller's organisation: the account its pools, orders, plans, keys and tasks belong
 * to, its members and their roles, and invitations. A request acts in the organisation
 * `X-Organisation-Id` names, else the token's `org` claim, else the user's own.
 */
@ApiTags('organisation')
@Authenticated({ appUsersOnly: true })
@Controller('v1/organisation')
export class OrganisationController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s organisation: its members and their roles', description: `Every member with their role, and the caller’s own role. ${ROLES}` })
  @ApiResponse({ status: 200, type: OrganisationDto })
  get(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.organisation(callerOf(request));
  }

  @Post('invitations')
  @ApiOperation({
    summary: 'Invite someone by email: a single-use code, answered once',
    description: `An invitation to join with a role, valid for 7 days. Its code is in this answer only (and in the embedded platform’s log; no mail is sent) and works once. Only an owner invites an owner. ${ROLES}`,
  })
  @ApiBody({ type: InvitationBody })
  @ApiResponse({ status: 201, type: CreatedInvitationDto })
  invite(@Req() request: GatewayRequest, @Body() body: unknown): Promise<unknown> {
    const { email, role } = validBody(InvitationBody, body);
    return this.gateway.inviteMember(callerOf(request), { email, role });
  }

  @Get('invitations')
  @ApiOperation({ summary: 'Invitations not yet used, revoked or expired (never their codes)', description: ROLES })
  @ApiResponse({ status: 200, type: InvitationListDto })
  invitations(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.listInvitations(callerOf(request));
  }

  @Delete('invitations/:id')
  @ApiOperation({ summary: 'Revoke an invitation: its code stops working', description: `Answers the invitations still pending. An invitation of another organisation is not found. ${ROLES}` })
  @ApiParam({ name: 'id', description: 'The invitation’s id (not its code)', schema: { type: 'string', maxLength: 200 } })
  @ApiResponse({ status: 200, type: InvitationListDto })
  @ApiProblems(404)
  revokeInvitation(@Req() request: GatewayRequest, @Param('id') id: string): Promise<unknown> {
    return this.gateway.revokeInvitation(callerOf(request), pathId(id, 'Invitation'));
  }

  @Patch('members/:userId')
  @ApiOperation({
    summary: 'Change a member’s role',
    description: `Only an owner makes or unmakes an owner; the last owner cannot be demoted (409 last-owner). A user who is not a member here is not found. ${ROLES}`,
  })
  @ApiParam(USER_PARAM)
  @ApiBody({ type: MemberRoleBody })
  @ApiResponse({ status: 200, type: OrganisationDto })
  @ApiProblems(404, 409)
  changeRole(@Req() request: GatewayRequest, @Param('userId') userId: string, @Body() body: unknown): Promise<unknown> {
    const { role } = validBody(MemberRoleBody, body);
    return this.gateway.changeMemberRole(callerOf(request), pathId(userId, 'Member'), role);
  }

  @Delete('members/:userId')
  @ApiOperation({
    summary: 'Remove a member',
    description: `The member’s tokens stop working here at once (their API keys belong to the organisation and stay). Only an owner removes an owner; the last owner stays (409 last-owner). ${ROLES}`,
  })
  @ApiParam(USER_PARAM)
  @ApiResponse({ status: 200, type: OrganisationDto })
  @ApiProblems(404, 409)
  removeMember(@Req() request: GatewayRequest, @Param('userId') userId: string): Promise<unknown> {
    return this.gateway.removeMember(callerOf(request), pathId(userId, 'Member'));
  }

  @Post('leave')
  @HttpCode(200)
  @ApiOperation({ summary: 'Leave the organisation', description: 'Any member may leave, except the last owner (409 last-owner): make another member owner first.' })
  @ApiResponse({ status: 200, type: MembershipDto })
  @ApiProblems(409)
  leave(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.leaveOrganisation(callerOf(request));
  }
}

/** The organisations a signed-in user belongs to, and creating another. */
@ApiTags('organisation')
@Authenticated({ appUsersOnly: true })
@Controller('v1/organisations')
export class OrganisationsController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Post()
  @ApiOperation({
    summary: 'Create an organisation: the caller its owner, with pools of its own',
    description:
      'A new organisation (a new account: its App and API pools, orders, plans, keys and tasks are its own and never mix with another’s), with the signed-in user as its owner. ' +
      `Act in it with \`X-Organisation-Id: <id>\` (or a token whose \`org\` claim names it). Any signed-in user may; an API key may not. ${ROLES}`,
  })
  @ApiBody({ type: OrganisationBody })
  @ApiResponse({ status: 201, type: OrganisationSummaryDto })
  @Idempotent()
  create(@Req() request: GatewayRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    return idempotentPost(this.gateway, request, reply, 201, async () => {
      const { name } = validBody(OrganisationBody, body);
      return this.gateway.createOrganisation(callerOf(request), { name }, requestContextOf(request));
    });
  }

  @Get()
  @ApiOperation({ summary: 'The organisations the signed-in user belongs to, with their role in each', description: `\`current\` marks the one this request acted in. ${ROLES}` })
  @ApiResponse({ status: 200, type: OrganisationListDto })
  list(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.listOrganisations(callerOf(request));
  }
}

/** Joining by invitation: any signed-in user with the code. */
@ApiTags('organisation')
@Authenticated({ appUsersOnly: true })
@Controller('v1/invitations')
export class InvitationsController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept an invitation: join its organisation with its role',
    description:
      'Makes the signed-in user a member of the organisation the code invites to; act there with `X-Organisation-Id: <id>` (or a token whose `org` claim names it: `billing token --organisation <id>`). A code works once: unknown, used, revoked and expired codes are all 404.',
  })
  @ApiBody({ type: AcceptInvitationBody })
  @ApiResponse({ status: 200, type: MembershipDto })
  @ApiProblems(404, 409)
  accept(@Req() request: GatewayRequest, @Body() body: unknown): Promise<unknown> {
    return this.gateway.acceptInvitation(callerOf(request), validBody(AcceptInvitationBody, body).code);
  }
}
