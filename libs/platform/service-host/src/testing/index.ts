export { type ServiceOnBus, startServiceOnBus } from './service-on-bus';
