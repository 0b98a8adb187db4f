import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOC, renderRules, ROOT } from '../docs';
import { ALL_RULES } from '../rules';

describe('docs/guardrails.md', () => {
  const text = readFileSync(DOC, 'utf8');

  it('is up to date with the rules and examples (tsx tools/guardrails/docs.ts rewrites it)', () => {
    // Prettier formats the page and needs ESM dynamic import, which Jest's VM lacks: run the check.
    const check = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [join(__dirname, '..', 'docs.ts'), '--check'],
      {
        encoding: 'utf8',
      },
    );
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 30_000);

  it('documents every rule with its level, reason and anchors', () => {
    const rendered = renderRules();
    for (const rule of ALL_RULES) {
      expect(rendered).toContain(`### ${rule.id}\n`);
      expect(text).toContain(`### ${rule.id}\n`);
    }
    expect(rendered).toContain('- Mirrors: checkov CKV_AWS_150; AWS FSBP ELB.6');
  });
});
