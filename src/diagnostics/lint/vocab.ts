/**
 * Shared vocabulary: how PyYAML (YAML 1.1, what Ansible uses) resolves floats, which variable
 * names hold versions or tags, and how Python prints a float.
 */

/**
 * PyYAML 6.0's implicit float resolver (yaml/resolver.py), checked against `python3 -c
 * "import yaml; yaml.safe_load('k: 1.20')"` on this machine (PyYAML 6.0.3): 1.20 -> 1.2, 3.0 -> 3.0,
 * 1.33.0 -> '1.33.0', 01.10 -> 1.1, 1_0.5 -> 10.5, 1e3 -> '1e3' (no dot: a string), 1:30.5 -> 90.5.
 */
export const PYYAML_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** Variable and key names that hold a version, release or tag. */
export const VERSION_NAME = /version|(?:^|[_-])(?:ver|tag|release|minor)(?:[_-]|$)|^v$/i;

export function isVersionName(name: string | number | undefined): boolean {
  return typeof name === 'string' && VERSION_NAME.test(name);
}

/**
 * The text Python's repr() gives the float that PyYAML makes of `source` (a PYYAML_FLOAT match),
 * e.g. "1.20" -> "1.2", "3.0" -> "3.0", "01.10" -> "1.1", "1_0.5" -> "10.5". Undefined for inf/nan and
 * sexagesimal values, which are not version-like.
 */
export function pythonFloatText(source: string): string | undefined {
  if (!/^[-+]?[0-9_.]+(?:[eE][-+][0-9]+)?$/.test(source)) return undefined;
  const value = Number(source.replace(/_/g, ''));
  if (!Number.isFinite(value)) return undefined;
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value.toFixed(0)}.0`;
  const text = String(value);
  // Python switches to exponent notation from 1e16 and below 1e-4; JS does from 1e21 and below 1e-6.
  if (Math.abs(value) < 1e-4 || Math.abs(value) >= 1e16) {
    return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return text;
}

/** A source scalar that PyYAML reads as a float, and whether printing it gives back different text. */
export function floatChange(source: string): { floatText: string; changes: boolean } | undefined {
  if (!PYYAML_FLOAT.test(source)) return undefined;
  const floatText = pythonFloatText(source);
  if (floatText === undefined) return undefined;
  return { floatText, changes: floatText !== source };
}

/** CPU architecture words as they appear in download URLs and package names. */
export const ARCH_WORD = /(?<![A-Za-z0-9])(amd64|arm64|x86_64|aarch64|armhf|armv7l?|ppc64le|s390x)(?![A-Za-z0-9])/g;

/** Jinja or shell expressions that derive the architecture from the machine. */
export const ARCH_FROM_FACTS =
  /ansible_(?:facts\s*\[\s*['"]architecture['"]\s*\]|facts\.architecture|architecture|machine)|uname\s+-m|dpkg\s+--print-architecture|\$\(\s*arch\s*\)|`arch`/;
