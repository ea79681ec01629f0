import type { NodeFacts, Role, Section } from '../../../src/diagnostics/types';
import { loadSections } from '../checks/tester';

/** A node whose sections come from fixtures ("dir/case" per probe), like the node checks' tables. */
export function node(host: string, roles: Role[], spec: Record<string, string>, reachable = true): NodeFacts {
  const sections = loadSections(spec) as Record<string, Section>;
  return { host, roles, reachable, sections };
}
