// The docs drift test: every app's committed page must equal what the code draws today. Also the
// rules of the page rewrite: hand-written text outside the markers is kept byte for byte.
import { existsSync, readFileSync } from 'node:fs';
import {
  begin,
  blocksOf,
  end,
  listApps,
  newPage,
  pagePath,
  renderPage,
  synthForDocs,
  updatePage,
} from '../docs';
import { callsSection } from '../calls-section';

const SECTIONS = { diagram: 'the diagram', calls: 'the calls', resources: 'the table' };

describe('updatePage', () => {
  test('replaces what is between the markers and keeps everything else', () => {
    const page = [
      '# Title',
      'intro',
      begin('diagram'),
      'old diagram',
      end('diagram'),
      'middle',
      begin('calls'),
      'old calls',
      end('calls'),
      begin('resources'),
      'old',
      end('resources'),
      'outro',
      '',
    ].join('\n');
    const updated = updatePage(page, SECTIONS);
    expect(updated).toBe(
      [
        '# Title',
        'intro',
        begin('diagram'),
        '',
        'the diagram',
        '',
        end('diagram'),
        'middle',
        begin('calls'),
        '',
        'the calls',
        '',
        end('calls'),
        begin('resources'),
        '',
        'the table',
        '',
        end('resources'),
        'outro',
        '',
      ].join('\n'),
    );
    expect(updatePage(updated, SECTIONS)).toBe(updated);
  });

  test('appends the blocks a page lacks', () => {
    expect(updatePage('# Hand-written only\n', SECTIONS)).toBe(
      `# Hand-written only\n\n${begin('diagram')}\n\nthe diagram\n\n${end('diagram')}\n\n${begin('calls')}\n\nthe calls\n\n${end('calls')}\n\n${begin('resources')}\n\nthe table\n\n${end('resources')}\n`,
    );
  });

  test('a new page has every block and the sections to write by hand', () => {
    const page = newPage('example');
    expect(Object.keys(blocksOf(page))).toEqual(['diagram', 'calls', 'resources']);
    expect(page).toContain('## The request path, step by step');
    expect(page).toContain('## Deploy and test');
  });
});

describe('synthForDocs', () => {
  test('draws from the built-in defaults in deploy mode, whatever the environment says', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      APIGW_MODE: 'offline',
      APIGW__region: 'eu-west-1',
      APIGW__accountId: '999999999999',
    });
    try {
      const [stack] = await synthForDocs('basic');
      const provider = stack.json.provider?.aws?.[0];
      expect(provider?.region).toBe('us-east-1');
      expect(provider?.allowed_account_ids).toEqual(['111111111111']);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  }, 120_000);
});

describe('docs drift', () => {
  const apps = listApps();

  test('there is at least one app to document', () => {
    expect(apps).toContain('basic');
  });

  test.each(apps)(
    'docs/%s.md is what the code draws (run `npm run docs` when this fails)',
    async (app) => {
      const file = pagePath(app);
      expect(existsSync(file)).toBe(true);
      const committed = readFileSync(file, 'utf8');
      const stacks = await synthForDocs(app);
      const expected = renderPage(app, committed, stacks, await callsSection(app, stacks));
      // Compare block by block first, for a readable diff, then the whole page.
      expect(blocksOf(committed)).toEqual(blocksOf(expected));
      expect(committed).toBe(expected);
    },
    120_000,
  );
});
