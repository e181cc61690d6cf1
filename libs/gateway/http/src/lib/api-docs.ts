import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiResponse, ApiSecurity, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './dto/responses';

const WHY: Readonly<Record<number, string>> = {
  400: 'Validation: every bad field is listed in `errors`',
  401: 'No valid API key or token (`WWW-Authenticate` says the Bearer scheme)',
  402: 'Insufficient credits in the pool the channel draws on (`pool`, `available`, `required`)',
  403: 'Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this',
  404: 'Not found (another account’s resources are not found either)',
  409: 'Conflict with the current state',
  413: 'The body is too large',
  414: 'The URI (a path parameter) is too long',
  415: 'The body is not JSON',
  422: 'The Idempotency-Key was used before with a different request, or by another credential of the account',
  429: 'Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`)',
  503: 'A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`)',
};

/** The problem answers a route can give, each `application/problem+json` with the problem schema. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: WHY[status] ?? 'Problem details',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
        ...(status === 429 || status === 503 ? { headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } } } : {}),
        ...(status === 401 ? { headers: { 'WWW-Authenticate': { $ref: '#/components/headers/WWW-Authenticate' } } } : {}),
      }),
    ),
  );
}

/** The security schemes the document declares: both are HTTP Bearer, told apart by the credential's form. */
export const API_KEY_SCHEME = 'apiKey';
export const APP_USER_SCHEME = 'appUser';

/**
 * An authenticated route: the credentials it takes (an API key or an app user's token;
 * `appUsersOnly` for key management and finance) and the problems every such route can answer.
 */
export const Authenticated = (options: { readonly appUsersOnly?: boolean } = {}): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ...(options.appUsersOnly ? [] : [ApiSecurity(API_KEY_SCHEME)]),
    ApiSecurity(APP_USER_SCHEME),
    ApiHeader({
      name: 'X-Organisation-Id',
      required: false,
      description:
        'The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. ' +
        'Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403).',
      schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' },
    }),
    ApiProblems(400, 401, 403, 414, 429, 503),
  );

/** A POST that takes an Idempotency-Key. */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Scoped to the credential (the app user, or one API key). Same key and body: the first answer again, a refusal as it was, a created resource as it is now. Same key with another body, or from another credential: 422.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    }),
    ApiProblems(413, 415, 422),
  );
