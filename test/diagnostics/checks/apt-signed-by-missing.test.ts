import check from '../../../src/diagnostics/checks/apt-signed-by-missing';
import { runCases } from './tester';

runCases(check, {
  valid: [
    {
      name: 'pkgs.k8s.io with signed-by and the keyring present',
      sections: { 'apt-sources': 'apt-signed-by-missing/signed', 'apt-keyrings': 'apt-signed-by-missing/signed' },
      message: /1 pkgs\.k8s\.io source entry names its keyring/,
    },
  ],
  invalid: [
    {
      name: 'pkgs.k8s.io without signed-by; this machine has a legacy trusted.gpg',
      sections: { 'apt-sources': 'apt-signed-by-missing/unsigned', 'apt-keyrings': 'apt-signed-by-missing/unsigned' },
      expect: {
        status: 'warn',
        message: /has no signed-by; it relies on keys in the legacy \/etc\/apt\/trusted\.gpg/,
        evidence: [/\/etc\/apt\/trusted\.gpg: 695 bytes/],
      },
    },
    {
      name: 'pkgs.k8s.io without signed-by and no legacy keyring: NO_PUBKEY',
      sections: {
        'apt-sources': 'apt-signed-by-missing/unsigned-no-legacy',
        'apt-keyrings': 'apt-signed-by-missing/unsigned-no-legacy',
      },
      expect: {
        status: 'fail',
        message: /no signed-by, and no legacy keyring holds keys: apt update fails with NO_PUBKEY/,
      },
    },
    {
      name: 'deb822 Signed-By names a keyring that is not there',
      sections: {
        'apt-sources': 'apt-signed-by-missing/keyring-missing',
        'apt-keyrings': 'apt-signed-by-missing/keyring-missing',
      },
      expect: {
        status: 'fail',
        message: /signed-by names \/etc\/apt\/keyrings\/kubernetes-apt-keyring\.gpg, which does not exist/,
        fix: /gpg --batch --yes --dearmor/,
      },
    },
    {
      name: 'deb822 without Signed-By and apt-key keys in trusted.gpg',
      sections: {
        'apt-sources': 'apt-signed-by-missing/legacy-trusted-gpg',
        'apt-keyrings': 'apt-signed-by-missing/legacy-trusted-gpg',
      },
      expect: {
        status: 'warn',
        message: /kubernetes\.sources: the pkgs\.k8s\.io entry has no signed-by/,
        evidence: [/trusted\.gpg holds keys \(55918 bytes\)/],
      },
    },
  ],
});
