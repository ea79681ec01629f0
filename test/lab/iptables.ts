/**
 * iptables-restore inputs for lab nodes. They are applied with the real iptables (nft backend) inside
 * each node's network namespace, so what probes read back (iptables-save, iptables -S) is real output.
 *
 * The kube-proxy rules follow the chains kube-proxy 1.33 (iptables mode) programs for one Service,
 * default/kubernetes; its cluster IP is kept inside 203.0.113.0/24 because the lab may use no other range.
 */
import { HUB_IP, SERVICE_IP } from './config.ts';

const SVC = 'KUBE-SVC-NPX46M4PTMTKRN6Y';
const SEP = 'KUBE-SEP-LABAPISERVER6443Q';

const FILTER_CHAINS = [
  'KUBE-EXTERNAL-SERVICES',
  'KUBE-FIREWALL',
  'KUBE-FORWARD',
  'KUBE-KUBELET-CANARY',
  'KUBE-NODEPORTS',
  'KUBE-PROXY-CANARY',
  'KUBE-PROXY-FIREWALL',
  'KUBE-SERVICES',
];
const NAT_CHAINS = [
  'KUBE-KUBELET-CANARY',
  'KUBE-MARK-MASQ',
  'KUBE-NODEPORTS',
  'KUBE-POSTROUTING',
  'KUBE-PROXY-CANARY',
  SEP,
  'KUBE-SERVICES',
  SVC,
];
const MANGLE_CHAINS = ['KUBE-IPTABLES-HINT', 'KUBE-KUBELET-CANARY', 'KUBE-PROXY-CANARY'];

const declare = (chains: readonly string[]): string[] => chains.map((c) => `:${c} - [0:0]`);

export interface RuleOptions {
  /** Where the kubernetes Service's endpoint (the API server) is. */
  apiServer: string;
  /** INPUT/FORWARD policy. 'DROP' is the field log's "network reset" script. */
  policy: 'ACCEPT' | 'DROP';
  /** KUBE-* chains exist but are empty, as after `iptables -F` on a node running kube-proxy. */
  kubeChainsFlushed: boolean;
  /** Extra -A lines for the filter table (e.g. the control plane dropping one worker's 6443). */
  extraFilter?: string[];
}

function mangle(): string[] {
  return [
    '*mangle',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ...declare(MANGLE_CHAINS),
    'COMMIT',
  ];
}

function kubeFilterRules(): string[] {
  return [
    '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
    '-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
    '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
    '-A INPUT -j KUBE-FIREWALL',
    '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
    '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
    '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
    '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
    '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -j KUBE-FIREWALL',
    '-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
    '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  ];
}

function kubeNatRules(apiServer: string): string[] {
  return [
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    `-A ${SEP} -s ${apiServer}/32 -m comment --comment "default/kubernetes:https" -j KUBE-MARK-MASQ`,
    `-A ${SEP} -p tcp -m comment --comment "default/kubernetes:https" -m tcp -j DNAT --to-destination ${apiServer}:6443`,
    `-A KUBE-SERVICES -d ${SERVICE_IP}/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j ${SVC}`,
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    `-A ${SVC} -m comment --comment "default/kubernetes:https -> ${apiServer}:6443" -j ${SEP}`,
  ];
}

/** The rules of a node: kube-proxy's chains (populated or flushed) under the given policy. */
export function nodeRules(options: RuleOptions): string {
  const filterHead = [
    '*filter',
    `:INPUT ${options.policy} [0:0]`,
    `:FORWARD ${options.policy} [0:0]`,
    ':OUTPUT ACCEPT [0:0]',
    ...declare(FILTER_CHAINS),
  ];
  // What the field log's "network reset" script leaves, minus the lockout: the lab keeps SSH from the
  // hub (198.51.100.1) open so the client can still get in. 6443 and 10250 are dropped by the policy.
  const survivors =
    options.policy === 'DROP'
      ? [
          '-A INPUT -i lo -j ACCEPT',
          '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
          `-A INPUT -s ${HUB_IP}/32 -p tcp -m tcp --dport 22 -j ACCEPT`,
        ]
      : [];
  const filter = [
    ...filterHead,
    ...survivors,
    ...(options.extraFilter ?? []),
    ...(options.kubeChainsFlushed ? [] : kubeFilterRules()),
    'COMMIT',
  ];
  const nat = [
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ...declare(NAT_CHAINS),
    ...(options.kubeChainsFlushed ? [] : kubeNatRules(options.apiServer)),
    'COMMIT',
  ];
  return `${[...mangle(), ...filter, ...nat].join('\n')}\n`;
}

/** A node with no firewall at all (the bench fleet). */
export const EMPTY_RULES = '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n';
