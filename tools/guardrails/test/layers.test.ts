import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ENGINE = join(__dirname, '..', 'engine');

describe('guardrails layers', () => {
  it('the engine imports no rule: the rules come in as an argument', () => {
    const offenders = readdirSync(ENGINE)
      .filter((file) => file.endsWith('.ts'))
      .filter((file) =>
        /from '\.\.\/(rules|index)['/]/.test(readFileSync(join(ENGINE, file), 'utf8')),
      );
    expect(offenders).toEqual([]);
  });
});
