/**
 * A preload (`node --import <data URL>`) for apps that listen on a fixed port (`listen(3333)`,
 * `listen({ port: 3333 })`) instead of `process.env.PORT`, as many tutorial apps do: the first
 * server the app starts listens on PORT instead, so verify and the test harness can run the
 * original and the migrated app side by side on free ports. It says so on stderr. An app that
 * already listens on PORT is untouched.
 */
const PRELOAD = `
import net from 'node:net';
const target = Number(process.env.PORT);
const listen = net.Server.prototype.listen;
let done = false;
net.Server.prototype.listen = function (...args) {
  if (!done && Number.isInteger(target) && target > 0) {
    done = true;
    const first = args[0];
    const asked = typeof first === 'object' && first !== null ? first.port : first;
    const isPort = typeof asked === 'number' || (typeof asked === 'string' && /^\\d+$/.test(asked));
    if (isPort && Number(asked) !== target) {
      if (typeof first === 'object') args[0] = { ...first, port: target };
      else args[0] = target;
      process.stderr.write('dynamodb-codemod: the app asked for port ' + asked + '; it listens on PORT=' + target + ' instead\\n');
    }
  }
  return listen.apply(this, args);
};
`;

/** Node arguments that load the preload before the app's entry. */
export function redirectListenPortArgs(): string[] {
  return ['--import', `data:text/javascript,${encodeURIComponent(PRELOAD)}`];
}
