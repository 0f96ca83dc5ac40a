import type { CoverageGrid } from '../coverage.ts';

const MARK = { guest: 'guest', cannot: 'cannot', 'not-here': 'not here', 'not-written': 'not written', missing: 'MISSING' } as const;

/**
 * The coverage grid as a markdown section: per headline feature and language, each target's
 * entry (`-` where no case of the feature runs on that target), then every `cannot` reason once.
 */
export function coverageMarkdown(grid: CoverageGrid): string {
  const reasons: string[] = [];
  const note = (r: string) => {
    const i = reasons.indexOf(r);
    return `[${(i < 0 ? reasons.push(r) : i + 1)}]`;
  };
  const lines = [
    '## Coverage: which language has a guest for each headline feature',
    '',
    'Generated from the repository (cases, guest sources, targets, `cannot:` in matrix.yaml), not from runs.',
    '',
    `| feature | ${grid.languages.join(' | ')} |`,
    `|---|${grid.languages.map(() => '---').join('|')}|`,
  ];
  for (const feature of grid.features) {
    const cells = grid.languages.map((language) =>
      grid.targets
        .map((t) => {
          const e = grid.entries[feature]?.[language]?.[t];
          if (!e || e.state === 'no-case') return null;
          return `${t} ${MARK[e.state]}${e.state === 'cannot' || e.state === 'not-here' ? note(e.reason) : e.state === 'not-written' ? note(e.route) : ''}`;
        })
        .filter(Boolean)
        .join('<br>') || '-',
    );
    lines.push(`| ${feature} | ${cells.join(' | ')} |`);
  }
  if (reasons.length) lines.push('', ...reasons.map((r, i) => `${i + 1}. ${r}`));
  return `${lines.join('\n')}\n`;
}
