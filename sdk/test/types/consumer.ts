// Compiled (not run) by the build: the declarations in dist/ describe what a web team writes.
import { init, version, type Telltale, type TelltaleConfig } from '../../dist/telltale.js';

const config: TelltaleConfig = {
  endpoint: 'https://telltale.example.com',
  siteKey: 'site-123',
  requireConsent: true,
  route: () => location.pathname,
  sampleRate: 0.5
};
const tt: Telltale = init(config);
tt.consent(true);
tt.setUserId('u-1');
tt.setUserId(null);
tt.flush();
const queued: number = tt.stats().queued;
const sid: string | null = tt.sessionId;
tt.stop();
console.log(version, queued, sid);
