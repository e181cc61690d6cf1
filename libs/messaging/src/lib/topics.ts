/** Topic per stream category and wire version: `billing.<category>.v<version>`. */
export const topicFor = (category: string, version: number): string => `billing.${category}.v${version}`;

/** Where messages that cannot be parsed or validated go, with the reason in headers. */
export const deadLetterTopicFor = (topic: string): string => `${topic}.dlq`;

export const isDeadLetterTopic = (topic: string): boolean => topic.endsWith('.dlq');

/** Stream names are `<category>-<id...>`: the category is the part before the first dash. */
export const categoryOf = (streamName: string): string => {
  const dash = streamName.indexOf('-');
  return dash < 0 ? streamName : streamName.slice(0, dash);
};

/**
 * Wallet streams are `wallet-<accountId>-<pool>`. Account ids may contain dashes and
 * pools do not, so the pool is the last segment and the account id is what lies between.
 */
export const walletAccountIdOf = (streamName: string): string => {
  const prefix = 'wallet-';
  const lastDash = streamName.lastIndexOf('-');
  if (!streamName.startsWith(prefix) || lastDash < prefix.length + 1) {
    throw new Error(`Not a wallet stream name: ${streamName}`);
  }
  return streamName.slice(prefix.length, lastDash);
};
