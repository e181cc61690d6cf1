import { describeGenerationProviderContract } from '../../testing/generation-provider.contract';
import { GenerationSimulator } from './generation-simulator';
import { ManualScheduler } from './scheduler';

describeGenerationProviderContract('GenerationSimulator', async () => {
  const scheduler = new ManualScheduler();
  const simulator = new GenerationSimulator({ scheduler, latencyMillis: { min: 10, max: 500 } });
  return {
    provider: simulator,
    finishAll: async () => {
      scheduler.advanceBy(500);
      await simulator.settled();
    },
    dispose: () => simulator.close(),
  };
});
