import { REQUEST_LIMITS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@billing/contracts';
import { gatewayProblems, type NewWebhookEndpointInput, type WebhookEndpointInput } from '@billing/gateway-application';
import { creditsNumber, parseCredits } from '@billing/util';
import type {
  CreateWebhookEndpointRequest,
  ListWebhookDeliveriesRequest,
  ReplayWebhookDeliveryRequest,
  RotateWebhookSecretRequest,
  SetBalanceAlertsRequest,
  UpdateWebhookEndpointRequest,
  WebhookEndpointIdRequest,
} from './billing-messages';

/*
 * The webhook and balance-alert requests of billing.v1 to the gateway's inputs, with REST's
 * limits (WebhookEndpointBody, RotateSecretBody, BalanceAlertsBody), each error named by
 * the proto's field path.
 */

interface FieldError {
  readonly field: string;
  readonly message: string;
}

const URL_MAX = 2000;
const DESCRIPTION_MAX = 500;
const OVERLAP_MAX_SECONDS = 604_800;
const DELIVERIES_MAX = 500;
const THRESHOLDS_MAX = 10;
const THRESHOLD_MAX_CREDITS = 1_000_000_000;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

function refuseIfAny(errors: readonly FieldError[]): void {
  if (errors.length > 0) throw gatewayProblems.validation(errors);
}

const idErrors = (value: string, field: string): FieldError[] => (ID.test(value) ? [] : [{ field, message: 'must be an id: 1-200 letters, digits, ".", "_", ":" or "-"' }]);

function eventTypesOf(eventTypes: readonly string[], errors: FieldError[]): WebhookEventType[] {
  const known = (type: string): type is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
  eventTypes.forEach((type, index) => {
    if (!known(type)) errors.push({ field: `event_types[${index}]`, message: `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` });
  });
  return eventTypes.filter(known);
}

function endpointChanges(request: { url?: string; description?: string }, errors: FieldError[]): void {
  if (request.url !== undefined && (request.url.trim() === '' || request.url.length > URL_MAX)) errors.push({ field: 'url', message: `must be a URL of at most ${URL_MAX} characters` });
  if (request.description !== undefined && request.description.length > DESCRIPTION_MAX) errors.push({ field: 'description', message: `must be at most ${DESCRIPTION_MAX} characters` });
}

export function newEndpointInputOf(request: CreateWebhookEndpointRequest): { readonly input: NewWebhookEndpointInput; readonly idempotencyKey: string | null } {
  const errors: FieldError[] = [];
  endpointChanges({ url: request.url, description: request.description }, errors);
  if (request.eventTypes.length === 0) errors.push({ field: 'event_types', message: 'must name at least one event type' });
  const eventTypes = eventTypesOf(request.eventTypes, errors);
  const { idempotencyKey } = REQUEST_LIMITS;
  if (request.idempotencyKey !== '' && !idempotencyKey.pattern.test(request.idempotencyKey)) errors.push({ field: 'idempotency_key', message: idempotencyKey.message });
  refuseIfAny(errors);
  const input: NewWebhookEndpointInput = {
    url: request.url,
    eventTypes,
    ...(request.enabled === undefined ? {} : { enabled: request.enabled }),
    ...(request.description === '' ? {} : { description: request.description }),
  };
  return { input, idempotencyKey: request.idempotencyKey === '' ? null : request.idempotencyKey };
}

export function endpointIdOf(request: WebhookEndpointIdRequest): string {
  refuseIfAny(idErrors(request.endpointId, 'endpoint_id'));
  return request.endpointId;
}

export function endpointChangesOf(request: UpdateWebhookEndpointRequest): { readonly endpointId: string; readonly changes: WebhookEndpointInput } {
  const errors = idErrors(request.endpointId, 'endpoint_id');
  endpointChanges(request, errors);
  const eventTypes = eventTypesOf(request.eventTypes, errors);
  refuseIfAny(errors);
  const changes: WebhookEndpointInput = {
    ...(request.url === undefined ? {} : { url: request.url }),
    ...(eventTypes.length === 0 ? {} : { eventTypes }),
    ...(request.enabled === undefined ? {} : { enabled: request.enabled }),
    ...(request.description === undefined ? {} : { description: request.description }),
  };
  return { endpointId: request.endpointId, changes };
}

export function rotationOf(request: RotateWebhookSecretRequest): { readonly endpointId: string; readonly overlapSeconds: number | undefined } {
  const errors = idErrors(request.endpointId, 'endpoint_id');
  if (request.overlapSeconds !== undefined && request.overlapSeconds > OVERLAP_MAX_SECONDS) errors.push({ field: 'overlap_seconds', message: `must be at most ${OVERLAP_MAX_SECONDS}` });
  refuseIfAny(errors);
  return { endpointId: request.endpointId, overlapSeconds: request.overlapSeconds };
}

export function deliveriesQueryOf(request: ListWebhookDeliveriesRequest): { readonly endpointId: string; readonly limit: number | undefined } {
  const errors = idErrors(request.endpointId, 'endpoint_id');
  if (request.limit > DELIVERIES_MAX) errors.push({ field: 'limit', message: `must be at most ${DELIVERIES_MAX}` });
  refuseIfAny(errors);
  // 0 is proto3's unset: the default page.
  return { endpointId: request.endpointId, limit: request.limit === 0 ? undefined : request.limit };
}

export function replayOf(request: ReplayWebhookDeliveryRequest): { readonly endpointId: string; readonly deliveryId: string } {
  refuseIfAny([...idErrors(request.endpointId, 'endpoint_id'), ...idErrors(request.deliveryId, 'delivery_id')]);
  return { endpointId: request.endpointId, deliveryId: request.deliveryId };
}

/** The pool and its thresholds in credits (exact: decimal text with at most three decimals). */
export function balanceAlertsInputOf(request: SetBalanceAlertsRequest): { readonly pool: string; readonly thresholds: number[] } {
  const errors: FieldError[] = [];
  if (request.pool.trim() === '' || request.pool.length > REQUEST_LIMITS.catalogIdLength) errors.push({ field: 'pool', message: 'must name a pool' });
  if (request.thresholds.length > THRESHOLDS_MAX) errors.push({ field: 'thresholds', message: `must be at most ${THRESHOLDS_MAX}` });
  const thresholds = request.thresholds.map((text, index) => {
    const millicredits = /^\d+(\.\d{1,3})?$/.test(text.trim()) ? parseCredits(text) : 0;
    if (millicredits <= 0 || millicredits > THRESHOLD_MAX_CREDITS * 1000) {
      errors.push({ field: `thresholds[${index}]`, message: 'must be credits above 0, as decimal text with at most three decimals' });
    }
    return creditsNumber(millicredits);
  });
  refuseIfAny(errors);
  return { pool: request.pool, thresholds };
}
