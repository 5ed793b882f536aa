// Jest setup of an e2e project (jest.config.js): the project's reading of Chat's per-space write quota
// (its `globals.CHAT_PER_SPACE`) becomes this test file's CHAT_PER_SPACE, which world.ts hands to the
// emulator. Jest gives each test file its own process.env, so the two projects can share a worker.
const reading = globalThis.CHAT_PER_SPACE;
if (typeof reading !== 'string' || !reading)
  throw new Error('this e2e project names no CHAT_PER_SPACE reading');
process.env.CHAT_PER_SPACE = reading;
