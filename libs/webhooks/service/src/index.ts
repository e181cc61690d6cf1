export * from './lib/webhooks-service';
export * from './lib/webhooks-requests';
export { endpointUrlProblem } from './lib/endpoint-urls';
