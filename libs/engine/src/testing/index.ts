// @shelfstream/engine/testing: helpers for tests of engine users.
export { MemoryStream } from '../dataframe/memory-stream';
export { MemorySink } from '../streaming/memory-sink';
export { MemoryCheckpointStore } from '../streaming/memory-checkpoint-store';
export { ManualClock } from './manual-clock';
export { CrashingSink, SinkCrash } from './crashing-sink';
