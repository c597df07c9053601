import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceNodeFlags } from '../../bench/http/service-process';
import { projectRoot } from '../../src/event-store/built-script';

/** The service runs with the same node flags however it is started: npm start, the image, the benches. */
describe('the node flags of the service', () => {
  it('are those of npm start, a larger young generation among them', () => {
    expect(serviceNodeFlags()).toContain('--max-semi-space-size=64');
  });

  it("are the image's too (Dockerfile CMD)", () => {
    const dockerfile = readFileSync(join(projectRoot(__dirname), 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    expect(JSON.parse(cmd?.[1] ?? '[]')).toEqual(['node', ...serviceNodeFlags(), 'dist/src/main.js']);
  });
});
