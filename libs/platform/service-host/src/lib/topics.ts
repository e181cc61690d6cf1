/** Each service's command topic: `billing.<service>.commands.v1`. */
export const commandTopicFor = (service: string): string => `billing.${service}.commands.v1`;

/** Each service's request topic: `billing.<service>.rpc.v1`. */
export const rpcTopicFor = (service: string): string => `billing.${service}.rpc.v1`;

/** Replies for one caller instance: `billing.rpc-replies.<instance>`. */
export const rpcReplyTopicFor = (instance: string): string => `billing.rpc-replies.${instance}`;
