// Child process for the benchmark: the API alone in its own process (so the load generator and the
// 500 socket clients do not share its event loop). Prints "listening <port>" when ready.
import { startApi } from '../src/start-api';

startApi({ port: 0, config: { HOST: '127.0.0.1', KAFKA_CONSUMER_ENABLED: false }, logLevels: ['error'] })
  .then((api) => {
    process.stdout.write(`listening ${api.port}\n`);
    process.on('SIGTERM', () => void api.close().then(() => process.exit(0)));
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
