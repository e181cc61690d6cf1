import { mainOf } from '@billing/platform-runtime';

// `npm start`: every service in this process, over the in-process bus, stores under DATA_DIR.
mainOf('billing platform (embedded)', ['pricing', 'wallet', 'purchase', 'tasks'], () =>
  process.stdout.write('HTTP gateway: not served by this process yet (it comes with issue 6); stop with Ctrl-C\n'),
);
