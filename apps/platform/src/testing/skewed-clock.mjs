// Preloaded into a process (NODE_OPTIONS=--import) to run its wall clock CLOCK_SKEW_MS ahead (or behind, negative).
const skew = Number(process.env.CLOCK_SKEW_MS ?? 0);
const wallNow = Date.now;
Date.now = () => wallNow() + skew;
