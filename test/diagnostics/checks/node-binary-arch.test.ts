import check from '../../../src/diagnostics/checks/node-binary-arch';
import { runCases, section } from './tester';

runCases(check, {
  valid: [
    {
      name: 'all x86-64 (file)',
      sections: { 'binary-arch': 'node-binary-arch/all-native' },
      message: /3 binaries checked, all amd64/,
    },
  ],
  invalid: [
    {
      name: 'arm64 kubeadm on an x86_64 node (file)',
      sections: { 'binary-arch': 'node-binary-arch/foreign-kubeadm' },
      expect: {
        status: 'fail',
        message: /amd64 node: \/usr\/local\/bin\/kubeadm \(arm64\).*Exec format error/,
        evidence: [/^uname -m: x86_64/, /kubeadm: ELF 64-bit LSB executable, ARM aarch64/],
        fix: /linux\/amd64/,
      },
    },
    {
      name: 'arm64 and s390x read from the ELF header with od (busybox, no file)',
      sections: { 'binary-arch': 'node-binary-arch/od-fallback' },
      expect: {
        status: 'fail',
        message: /kubeadm \(arm64\), \/usr\/local\/bin\/crictl \(s390x\)/,
        evidence: [/e_machine 0xb7 \(arm64\)/],
      },
    },
    {
      name: 'arm64 kubeadm on an x86_64 node (one awk read the headers): the same finding as with file',
      sections: { 'binary-arch': 'node-binary-arch/awk-foreign-kubeadm' },
      expect: {
        status: 'fail',
        message:
          /^built for another CPU than this amd64 node: \/usr\/local\/bin\/kubeadm \(arm64\); running them gives "Exec format error"$/,
        evidence: [/^uname -m: x86_64/, /kubeadm: ELF 64-bit, e_machine 0xb7 \(arm64\)/],
      },
    },
    {
      name: 'arm, riscv64 and s390x binaries (awk; an empty file and a directory are not ELF)',
      sections: { 'binary-arch': 'node-binary-arch/awk-many-arches' },
      expect: {
        status: 'fail',
        message: /containerd \(riscv64\), \/usr\/local\/bin\/runc \(arm\), \/usr\/local\/bin\/ctr \(s390x\);/,
      },
    },
    {
      name: 'arm, riscv64 and s390x binaries',
      sections: { 'binary-arch': 'node-binary-arch/many-arches' },
      expect: { status: 'fail', message: /containerd \(riscv64\).*runc \(arm\).*ctr \(s390x\)/ },
    },
    {
      name: 'nothing installed',
      sections: { 'binary-arch': section('arch x86_64\ntool file\n### end\n') },
      expect: { status: 'skip', message: /none of kubeadm/ },
    },
    {
      name: 'unknown machine',
      sections: { 'binary-arch': section('arch vax\ntool file\n### end\n') },
      expect: { status: 'error', message: /unknown machine type.*vax/ },
    },
  ],
});
