/**
 * Project roots: every folder with a Vagrantfile, an ansible.cfg or an inventory is a project of its
 * own, and project facts (variables, roles that refresh apt, kubeconfig copies, Vagrant's NAT ...)
 * never cross from one project to another. A file belongs to the deepest root above it; files under
 * no root form one project of their own. A Vagrantfile that points into another root (an ansible
 * provisioner's playbook, a script path, `load "../common.rb"`) joins that root to its project: it
 * is the same lab. Pure; works on paths alone so that worker threads can share the result.
 */

export interface ProjectInput {
  path: string;
  kind: string;
  /** For Vagrantfiles: string literals that look like relative paths (provisioner files, loads). */
  refs: readonly string[];
}

const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** The folder a root-marking file makes a project root, if any. */
function rootOfMarker(file: ProjectInput): string | undefined {
  if (file.kind === 'vagrantfile' || file.kind === 'ansible-cfg') return dirOf(file.path);
  if (file.kind !== 'inventory') return undefined;
  const parts = file.path.split('/');
  const at = parts.findIndex((p) => p === 'inventory' || p === 'inventories');
  if (at >= 0 && at < parts.length - 1) return parts.slice(0, at).join('/');
  return dirOf(file.path);
}

const within = (path: string, root: string): boolean => root === '' || path === root || path.startsWith(`${root}/`);

/** Maps every file path to its project root ('' is the top of the run). */
export function assignProjects(files: readonly ProjectInput[]): Map<string, string> {
  const roots = new Set<string>();
  for (const file of files) {
    const root = rootOfMarker(file);
    if (root !== undefined) roots.add(root);
  }
  const sorted = [...roots].sort((a, b) => b.length - a.length);
  const deepest = (path: string): string => sorted.find((root) => within(path, root)) ?? '\0top';

  // Union-find over roots: a Vagrantfile that refers into another root joins it.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) as string;
    return r;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    // Keep the shorter path (the enclosing folder) as the representative.
    if (ra.length <= rb.length) parent.set(rb, ra);
    else parent.set(ra, rb);
  };
  for (const file of files) {
    if (file.kind !== 'vagrantfile' || file.refs.length === 0) continue;
    const own = dirOf(file.path);
    for (const ref of file.refs) {
      const target = normalizePath(own === '' ? ref : `${own}/${ref}`);
      if (target.startsWith('..')) continue;
      const other = deepest(target);
      if (other !== '\0top' && other !== own) union(own, other);
    }
  }
  // Files under no root that a Vagrantfile names (../scripts/setup.sh) belong to that Vagrantfile's project.
  const referencedBy = new Map<string, string>();
  for (const file of files) {
    if (file.kind !== 'vagrantfile') continue;
    const own = dirOf(file.path);
    for (const ref of file.refs) {
      const target = normalizePath(own === '' ? ref : `${own}/${ref}`);
      if (!referencedBy.has(target)) referencedBy.set(target, own);
    }
  }
  const out = new Map<string, string>();
  for (const file of files) {
    const root = deepest(file.path);
    if (root !== '\0top') {
      out.set(file.path, find(root));
      continue;
    }
    const by = referencedBy.get(file.path) ?? referencedBy.get(dirOf(file.path));
    out.set(file.path, by === undefined ? root : find(by));
  }
  return out;
}

/** String literals of a Vagrantfile that look like relative file paths. */
export function pathLikeRefs(strings: readonly string[]): string[] {
  return strings.filter(
    (s) =>
      s.length < 200 &&
      !s.includes('://') &&
      !/\s/.test(s) &&
      !s.startsWith('/') &&
      (s.includes('/') || /\.(?:ya?ml|sh|bash|rb|cfg|ini)$/.test(s)),
  );
}
