/**
 * The report viewer's browser side: open a `k8sdiag run` JSON report (file picker, drag and drop,
 * or a same-origin `?src=`), validate it with the report's own zod schema, and render it.
 *
 * Everything in a report came from remote nodes and is untrusted: it is put into the page with
 * textContent and attribute setters only, never as HTML, so a report carrying <script> or markup
 * renders as inert text.
 */
import type { Report, ReportFinding } from '../../diagnostics/report/schema';

export interface ViewerText {
  loading: string;
  loaded: string;
  notJson: string;
  tooBig: string;
  invalid: string;
  wrongOrigin: string;
  fetchFailed: string;
  summary: string;
  run: string;
  tool: string;
  started: string;
  duration: string;
  collector: string;
  nodes: string;
  findings: string;
  exitCode: string;
  node: string;
  address: string;
  roles: string;
  status: string;
  reason: string;
  noFindings: string;
  evidence: string;
  fix: string;
  runbook: string;
  cluster: string;
  hosts: string;
  warnings: string;
  allNodes: string;
  shown: string;
  statusNames: Record<ReportFinding['status'], string>;
}

export interface ViewerConfig {
  text: ViewerText;
  /** Runbook page URL on this site for a runbook id. */
  runbookHref: string;
  /** Check catalog URL on this site (anchors are check ids). */
  catalogHref: string;
}

const MAX_BYTES = 32 * 1024 * 1024;
const STATUSES: ReportFinding['status'][] = ['fail', 'error', 'warn', 'skip', 'pass'];

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { text?: string; className?: string; attrs?: Record<string, string> } = {},
  children: Node[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.text !== undefined) node.textContent = options.text;
  if (options.className !== undefined) node.className = options.className;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => String(values[key] ?? ''));
}

export function setupViewer(root: HTMLElement, config: ViewerConfig): void {
  const { text } = config;
  const input = root.querySelector<HTMLInputElement>('input[type="file"]');
  const drop = root.querySelector<HTMLElement>('[data-drop]');
  const status = root.querySelector<HTMLElement>('[data-viewer-status]');
  const problem = root.querySelector<HTMLElement>('[data-problem]');
  const output = root.querySelector<HTMLElement>('[data-output]');
  if (!input || !drop || !status || !problem || !output) return;

  const showProblem = (title: string, details: string[] = []): void => {
    output.replaceChildren();
    status.textContent = '';
    const list =
      details.length === 0
        ? []
        : [
            el(
              'ul',
              {},
              details.map((line) => el('li', { text: line })),
            ),
          ];
    problem.replaceChildren(el('p', { text: title }), ...list);
    problem.hidden = false;
    root.dataset['state'] = 'invalid';
  };

  const open = async (name: string, textContent: string): Promise<void> => {
    problem.hidden = true;
    status.textContent = fill(text.loading, { name });
    let data: unknown;
    try {
      data = JSON.parse(textContent);
    } catch (error) {
      showProblem(fill(text.notJson, { name }), [error instanceof Error ? error.message : String(error)]);
      return;
    }
    const { validateReport } = await import('./validate');
    const result = validateReport(data);
    if (!result.ok) {
      const lines = result.issues.slice(0, 12).map((issue) => `${issue.path}: ${issue.message}`);
      if (result.issues.length > 12) lines.push(`… +${result.issues.length - 12}`);
      showProblem(fill(text.invalid, { name }), lines);
      return;
    }
    render(output, result.report, config);
    status.textContent = fill(text.loaded, { name, nodes: result.report.nodes.length });
    root.dataset['state'] = 'loaded';
  };

  const openFile = async (file: File): Promise<void> => {
    if (file.size > MAX_BYTES) {
      showProblem(fill(text.tooBig, { name: file.name, max: MAX_BYTES / 1024 / 1024 }));
      return;
    }
    await open(file.name, await file.text());
  };

  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void openFile(file);
  });
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('is-dragging');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('is-dragging'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('is-dragging');
    const file = event.dataTransfer?.files[0];
    if (file) void openFile(file);
  });

  const src = new URLSearchParams(window.location.search).get('src');
  if (src !== null) {
    let url: URL;
    try {
      url = new URL(src, window.location.href);
    } catch {
      showProblem(fill(text.wrongOrigin, { src }));
      return;
    }
    if (url.origin !== window.location.origin) {
      showProblem(fill(text.wrongOrigin, { src }));
      return;
    }
    void fetch(url, { credentials: 'same-origin' })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const length = Number(response.headers.get('content-length') ?? '0');
        if (length > MAX_BYTES) {
          showProblem(fill(text.tooBig, { name: url.pathname, max: MAX_BYTES / 1024 / 1024 }));
          return;
        }
        await open(url.pathname, await response.text());
      })
      .catch((error: unknown) =>
        showProblem(fill(text.fetchFailed, { src: url.pathname }), [
          error instanceof Error ? error.message : String(error),
        ]),
      );
  }
}

function statusBadge(value: string, label: string): HTMLElement {
  return el('span', { text: label, className: `k8sdiag-status k8sdiag-status-${value}` });
}

function runbookLink(config: ViewerConfig, finding: ReportFinding): HTMLElement {
  return el('a', { text: finding.runbook, attrs: { href: config.runbookHref.replace('{id}', finding.runbook) } });
}

function findingItem(finding: ReportFinding, config: ViewerConfig, node: string, hosts?: string[]): HTMLElement {
  const { text } = config;
  const head = el('p', { className: 'k8sdiag-finding-head' }, [
    statusBadge(finding.status, text.statusNames[finding.status]),
    document.createTextNode(' '),
    el('a', { attrs: { href: `${config.catalogHref}#${finding.checkId}` } }, [el('code', { text: finding.checkId })]),
    document.createTextNode(` ${finding.title}`),
  ]);
  const parts: Node[] = [head, el('p', { text: finding.message, className: 'k8sdiag-finding-message' })];
  if (hosts !== undefined) parts.push(el('p', { text: `${text.hosts}: ${hosts.join(', ')}` }));
  if (finding.evidence.length > 0) {
    parts.push(
      el('details', {}, [
        el('summary', { text: `${text.evidence} (${finding.evidence.length})` }),
        el('pre', { text: finding.evidence.join('\n'), attrs: { tabindex: '0' } }),
      ]),
    );
  }
  if (finding.fix !== undefined) parts.push(el('p', { text: `${text.fix}: ${finding.fix}` }));
  parts.push(el('p', {}, [document.createTextNode(`${text.runbook}: `), runbookLink(config, finding)]));
  return el(
    'li',
    {
      className: `k8sdiag-finding k8sdiag-finding-${finding.status}`,
      attrs: { 'data-status': finding.status, 'data-node': node },
    },
    parts,
  );
}

function sortFindings<T extends ReportFinding>(findings: readonly T[]): T[] {
  return [...findings].sort(
    (a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || a.checkId.localeCompare(b.checkId),
  );
}

function render(output: HTMLElement, report: Report, config: ViewerConfig): void {
  const { text } = config;
  const counts = report.summary.findings;
  const summary = el(
    'section',
    { className: 'k8sdiag-report-summary', attrs: { 'aria-labelledby': 'report-summary' } },
    [
      el('h2', { text: text.summary, attrs: { id: 'report-summary' } }),
      el('dl', {}, [
        el('dt', { text: text.run }),
        el('dd', { text: report.run.id }),
        el('dt', { text: text.tool }),
        el('dd', { text: `${report.tool.name} ${report.tool.version}` }),
        el('dt', { text: text.started }),
        el('dd', { text: report.run.startedAt }),
        el('dt', { text: text.duration }),
        el('dd', { text: `${(report.run.durationMs / 1000).toFixed(1)} s` }),
        el('dt', { text: text.collector }),
        el('dd', { text: report.run.collector }),
        el('dt', { text: text.nodes }),
        el('dd', {
          text: `${report.summary.nodes.total} (${Object.entries(report.summary.nodes)
            .filter(([key, value]) => key !== 'total' && value > 0)
            .map(([key, value]) => `${key} ${value}`)
            .join(', ')})`,
        }),
        el('dt', { text: text.findings }),
        el(
          'dd',
          {},
          STATUSES.flatMap((s) => [
            statusBadge(s, `${text.statusNames[s]} ${counts[s]}`),
            document.createTextNode(' '),
          ]),
        ),
        el('dt', { text: text.exitCode }),
        el('dd', { text: String(report.summary.exitCode) }),
      ]),
    ],
  );

  // Filters: by status and by node. They only toggle `hidden` on the rendered findings.
  const statusBoxes = STATUSES.map((s) => {
    const box = el('input', { attrs: { type: 'checkbox', name: 'status', value: s, id: `report-filter-${s}` } });
    box.checked = true;
    return { s, box };
  });
  const nodeSelect = el('select', { attrs: { id: 'report-filter-node', name: 'node' } }, [
    el('option', { text: text.allNodes, attrs: { value: '' } }),
    ...report.nodes.map((node) => el('option', { text: node.name, attrs: { value: node.name } })),
  ]);
  const shown = el('p', { attrs: { 'aria-live': 'polite', 'data-shown': '' } });
  const filters = el('fieldset', { className: 'k8sdiag-report-filters' }, [
    el('legend', { text: text.status }),
    ...statusBoxes.flatMap(({ s, box }) => [
      box,
      el('label', { attrs: { for: `report-filter-${s}` } }, [statusBadge(s, text.statusNames[s])]),
    ]),
    el('label', { text: `${text.node} `, attrs: { for: 'report-filter-node' } }),
    nodeSelect,
    shown,
  ]);

  const sections: HTMLElement[] = report.nodes.map((node, index) => {
    const headingId = `report-node-${index}`;
    const items = sortFindings(node.findings).map((finding) => findingItem(finding, config, node.name));
    const facts: Node[] = [
      el('dt', { text: text.address }),
      el('dd', { text: `${node.address}:${node.port}${node.user === undefined ? '' : ` (${node.user})`}` }),
      el('dt', { text: text.roles }),
      el('dd', { text: node.roles.length === 0 ? '-' : node.roles.join(', ') }),
      el('dt', { text: text.status }),
      el('dd', { text: node.status }),
    ];
    if (node.reason !== undefined) facts.push(el('dt', { text: text.reason }), el('dd', { text: node.reason }));
    return el(
      'section',
      { className: 'k8sdiag-report-node', attrs: { 'data-node': node.name, 'aria-labelledby': headingId } },
      [
        el('h3', { text: `${text.node}: ${node.name}`, attrs: { id: headingId } }),
        el('dl', {}, facts),
        items.length === 0 ? el('p', { text: text.noFindings }) : el('ul', { className: 'k8sdiag-findings' }, items),
      ],
    );
  });

  const parts: Node[] = [summary, filters, ...sections];
  if (report.cluster.length > 0) {
    parts.push(
      el(
        'section',
        { className: 'k8sdiag-report-cluster', attrs: { 'data-node': '', 'aria-labelledby': 'report-cluster' } },
        [
          el('h3', { text: text.cluster, attrs: { id: 'report-cluster' } }),
          el(
            'ul',
            { className: 'k8sdiag-findings' },
            sortFindings(report.cluster).map((finding) => findingItem(finding, config, '', finding.hosts)),
          ),
        ],
      ),
    );
  }
  if (report.warnings.length > 0) {
    parts.push(
      el('section', { attrs: { 'aria-labelledby': 'report-warnings' } }, [
        el('h3', { text: text.warnings, attrs: { id: 'report-warnings' } }),
        el(
          'ul',
          {},
          report.warnings.map((warning) => el('li', { text: warning })),
        ),
      ]),
    );
  }
  output.replaceChildren(...parts);

  const apply = (): void => {
    const statuses = new Set(statusBoxes.filter(({ box }) => box.checked).map(({ s }) => s));
    const node = nodeSelect.value;
    let visible = 0;
    let total = 0;
    for (const item of output.querySelectorAll<HTMLElement>('li.k8sdiag-finding')) {
      total += 1;
      const show =
        statuses.has(item.dataset['status'] as ReportFinding['status']) &&
        (node === '' || item.dataset['node'] === node || item.dataset['node'] === '');
      item.hidden = !show;
      if (show) visible += 1;
    }
    for (const section of output.querySelectorAll<HTMLElement>('section.k8sdiag-report-node')) {
      section.hidden = node !== '' && section.dataset['node'] !== node;
    }
    shown.textContent = fill(text.shown, { visible, total });
  };
  for (const { box } of statusBoxes) box.addEventListener('change', apply);
  nodeSelect.addEventListener('change', apply);
  apply();
}
