import { FakeGenerationServer } from '../../testing/fake-generation-server';
import { describeGenerationProviderContract } from '../../testing/generation-provider.contract';
import { GENERATION_SIGNATURE_HEADER, signGenerationWebhook } from './generation-webhook';
import { HttpGenerationProvider } from './http-generation-provider';

const webhookSecret = 'whsec_contract';

describeGenerationProviderContract('HttpGenerationProvider', async () => {
  const server = new FakeGenerationServer();
  await server.start();
  const provider = new HttpGenerationProvider({ endpoint: server.endpoint, webhookSecret, retryDelayMillis: 5 });
  let finished = 0;
  return {
    provider,
    // The provider's side of a webhook: each job's outcome, signed, handed to the receiving end.
    finishAll: async () => {
      for (const job of server.jobs.slice(finished)) {
        server.finish(job.providerJobId, { kind: 'succeeded', outputDurationMillis: job.durationMillis });
        const body = JSON.stringify({ kind: 'succeeded', taskId: job.taskId, providerJobId: job.providerJobId, outputDurationMillis: job.durationMillis });
        const now = Date.now();
        await provider.acceptWebhook(body, { [GENERATION_SIGNATURE_HEADER]: signGenerationWebhook(body, { secret: webhookSecret, now }) }, now);
      }
      finished = server.jobs.length;
    },
    dispose: async () => {
      await provider.close();
      await server.stop();
    },
  };
});
