import { describe, expect, it } from 'vitest';
import { parseApiserverReach } from '../../../src/diagnostics/probes/apiserver-reach';
import { fixtureLines, out } from './fixture';

const dir = 'api-server-unreachable';
const KUBELET_CONF = '/etc/kubernetes/kubelet.conf';
const SERVER = 'https://198.51.100.1:6443';

describe('parseApiserverReach', () => {
  it.each([
    [
      'reachable',
      { source: KUBELET_CONF, server: SERVER, result: { tool: 'curl', code: 0, rest: '200' }, noTool: false },
    ],
    [
      'dropped',
      {
        source: KUBELET_CONF,
        server: SERVER,
        result: {
          tool: 'curl',
          code: 28,
          rest: 'curl: (28) Failed to connect to 198.51.100.1 port 6443 after 3001 ms: Timeout was reached 000',
        },
        noTool: false,
      },
    ],
    [
      'nc-refused',
      {
        source: KUBELET_CONF,
        server: 'https://198.51.100.1:6444',
        result: { tool: 'nc', code: 1, rest: '' },
        noTool: false,
      },
    ],
    ['busybox-no-curl', { source: KUBELET_CONF, server: SERVER, result: undefined, noTool: true }],
    ['not-joined', { source: undefined, server: 'none', result: undefined, noTool: false }],
    ['unsafe-url', { source: KUBELET_CONF, server: 'unsafe', result: undefined, noTool: false }],
  ])('reads %s', (name, value) => {
    expect(parseApiserverReach(fixtureLines(`${dir}/${name}.apiserver-reach`))).toEqual({ ok: true, value });
  });

  it.each([
    [
      'a relative source',
      'source kubelet.conf\nserver none\n### end',
      'expected source/server/curl/nc/tool lines',
      'source kubelet.conf',
      1,
    ],
    [
      'curl without an exit code',
      `server ${SERVER}\ncurl failed\n### end`,
      'expected source/server/curl/nc/tool lines',
      'curl failed',
      2,
    ],
    [
      'another tool line',
      `server ${SERVER}\ntool wget\n### end`,
      'expected source/server/curl/nc/tool lines',
      'tool wget',
      2,
    ],
    ['a marker block', `server ${SERVER}\n### extra x\n### end`, 'unknown marker', '### extra', 2],
    [
      'no server line',
      `source ${KUBELET_CONF}\n### end`,
      'no "server" line or end marker (output cut short?)',
      `source ${KUBELET_CONF}`,
      1,
    ],
    [
      'no end marker',
      `server ${SERVER}\nnc 0`,
      'no "server" line or end marker (output cut short?)',
      `server ${SERVER}`,
      1,
    ],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parseApiserverReach(out(text))).toEqual({ ok: false, what, line, no });
  });
});
