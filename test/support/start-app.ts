/** Starting an app on a free 127.0.0.1 port (HTTP server or Lambda handlers); defined with verify's replay in src/. */
export { getFreePort, startApp, stopAllApps } from '../../src/verify/replay/startApp';
export type { AppSpec, RunningApp, StartOptions } from '../../src/verify/replay/startApp';
