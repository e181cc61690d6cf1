/** Each service's command topic: `billing.<service>.commands.v1`. */
export const commandTopicFor = (service: string): string => `billing.${service}.commands.v1`;

/** Each service's request topic: `billing.<service>.rpc.v1`. */
export const rpcTopicFor = (service: string): string => `billing.${service}.rpc.v1`;

/**
 * Replies to one calling service: `billing.rpc-replies.<caller>`, the same topic across
 * restarts and for every process of that caller (each reads it in a group of its own).
 */
export const rpcReplyTopicFor = (caller: string): string => `billing.rpc-replies.${caller}`;
