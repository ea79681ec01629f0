import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { mdxToText } from '../../../src/diagnostics/runbooks/mdx-to-text';

const plain = {
  colors: pc.createColors(false),
  docsUrl: 'https://docs.test',
  pageUrl: 'https://docs.test/runbooks/x/',
};
const body = `import { Steps, Aside } from '@astrojs/starlight/components';

## Fix

<Steps>

1. Stop the kubelet:

   \`\`\`sh title="on the node"
   sudo systemctl stop kubelet
   \`\`\`

2. See [the other runbook](/runbooks/exec-format-error/) and [this step](#fix).

</Steps>

<Aside type="caution" title="Risky">
Do not run **iptables -F** on a node.
</Aside>

<Aside
  type="tip"
  title="Multi-line tag"
>
Tip body.
</Aside>

:::note[Why]
Because.
:::
`;

describe('mdxToText', () => {
  const text = mdxToText(body, plain);

  it('drops imports and JSX tags but keeps their content', () => {
    expect(text).not.toContain('import');
    expect(text).not.toMatch(/<\/?(Steps|Aside)/);
    expect(text).toContain('Do not run iptables -F on a node.');
    expect(text).toContain('Tip body.');
    expect(text).not.toContain('type="tip"');
  });

  it('keeps headings and code with its title', () => {
    expect(text).toContain('## Fix');
    expect(text).toContain('── on the node');
    expect(text).toContain('    sudo systemctl stop kubelet');
  });

  it('resolves site links and drops in-page anchors', () => {
    expect(text).toContain('the other runbook (https://docs.test/runbooks/exec-format-error/)');
    expect(text).toContain('and this step.');
  });

  it('labels asides written as directives', () => {
    expect(text).toContain('NOTE: Why');
  });

  it('colours only when told to', () => {
    expect(text).not.toContain('\u001b[');
    const coloured = mdxToText(body, { ...plain, colors: pc.createColors(true) });
    expect(coloured).toContain('\u001b[');
  });
});
