import check from '../../../src/diagnostics/checks/containerd-cri-disabled';
import { runCases, section } from './tester';

const real = (name: string) => ({
  'containerd-config': `containerd-cri-disabled/${name}`,
  'containerd-plugins': `containerd-cri-disabled/${name}`,
});

runCases(check, {
  valid: [
    {
      name: 'config from containerd config default, CRI loaded (real containerd 1.6)',
      sections: real('default-config'),
      message: /CRI plugin loaded/,
    },
    {
      name: 'no config file: built-in defaults, CRI loaded (real)',
      sections: real('no-config-file'),
      message: /running/,
    },
  ],
  invalid: [
    {
      name: 'Docker\'s containerd.io config.toml: disabled_plugins = ["cri"] (real daemon on that file)',
      sections: real('docker-ce-cri-disabled'),
      expect: {
        status: 'fail',
        message: /disables the CRI plugin .*"cri"/,
        evidence: [/disabled_plugins = \["cri"\]/],
        fix: /remove "cri" from disabled_plugins/,
      },
    },
    {
      name: 'containerd installed but not running: no socket (real)',
      sections: real('not-running'),
      expect: {
        status: 'fail',
        message: /containerd is not running: no socket/,
        fix: /systemctl enable --now containerd/,
      },
    },
    {
      name: 'a socket nobody answers: ctr cannot dial (real ctr message, captured before the socket test was added)',
      sections: {
        'containerd-config': 'containerd-cri-disabled/default-config',
        'containerd-plugins': section(
          '### ctr\nctr: failed to dial "/run/containerd/containerd.sock": context deadline exceeded: connection error: desc = "transport: error while dialing: dial unix:///run/containerd/containerd.sock: timeout"\n### exit 1\n### end\n',
        ),
      },
      expect: {
        status: 'fail',
        message: /containerd is not running: ctr cannot reach/,
        evidence: [/failed to dial/],
        fix: /systemctl enable --now containerd/,
      },
    },
    {
      name: 'no containerd on the node (busybox PATH, real)',
      sections: real('no-containerd'),
      expect: { status: 'skip', message: /not installed/ },
    },
    {
      name: 'daemon running without the cri row although the file does not disable it (hand-made from the real docker-ce list)',
      sections: {
        'containerd-config': 'containerd-cri-disabled/default-config',
        'containerd-plugins': 'containerd-cri-disabled/docker-ce-cri-disabled',
      },
      expect: { status: 'fail', message: /did not load the CRI plugin/ },
    },
    {
      name: 'CRI plugin listed with status error (hand-made, ctr plugins ls columns)',
      sections: {
        'containerd-config': 'containerd-cri-disabled/default-config',
        'containerd-plugins': section(
          '### ctr\nTYPE                            ID                       PLATFORMS      STATUS    \nio.containerd.grpc.v1           cri                      linux/amd64    error     \n### exit 0\n### end\n',
        ),
      },
      expect: {
        status: 'fail',
        message: /failed to start \(status "error"\)/,
        evidence: [/cri\s+linux\/amd64\s+error/],
      },
    },
    {
      name: 'config.toml that is not TOML (hand-made)',
      sections: {
        'containerd-config': section(
          '### version containerd 1.6.20\n### file /etc/containerd/config.toml\n| disabled_plugins = [\n### end\n',
        ),
        'containerd-plugins': 'containerd-cri-disabled/not-running',
      },
      expect: { status: 'error', message: /is not valid TOML \(line 1/ },
    },
    {
      name: 'plugin probe skipped without root: the config alone is clean',
      sections: {
        'containerd-config': 'containerd-cri-disabled/default-config',
        'containerd-plugins': section('', { skipped: true, skipReason: 'sudo: a password is required' }),
      },
      expect: { status: 'skip', message: /sudo: a password is required/ },
    },
    {
      name: 'output cut short',
      sections: {
        'containerd-config': section('### version containerd 1.6.20\n### nofile /etc/containerd/config.toml\n'),
      },
      expect: { status: 'error', message: /no end marker/ },
    },
  ],
});
