/**
 * The ssh2 collector: one TCP connection (or one direct-tcpip channel through a shared jump
 * connection), one SSH session, one `exec` per node, the script written to its stdin.
 * Every wait has a limit: TCP connect, handshake (readyTimeout), the node's deadline, the run's
 * signal. Failures are classified (unreachable, auth-failed, timeout, host-key-refused, error)
 * and partial output is kept.
 */
import { type Socket, connect as tcpConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { Client, type ClientChannel, type ConnectConfig, type ParsedKey } from 'ssh2';
import type { ConnectionSpec } from './connection';
import { deadlineSignal } from './deadline';
import type { HostKeyDecision, HostKeyStore } from './host-key-store';
import type { KeyRing } from './keys';
import type { Collected, CollectOptions, NodeStatus } from './types';

export interface SshContext {
  hostKeys: HostKeyStore;
  keys: KeyRing;
  /** Handshake timeout (ssh2 readyTimeout), ms. */
  handshakeTimeoutMs: number;
  /** Printed at once on stderr (the changed-key banner). */
  onBanner: (text: string) => void;
  /** Cap on a node's total script output, bytes. */
  maxOutputBytes: number;
}

class NodeFailure extends Error {
  constructor(
    readonly status: NodeStatus,
    message: string,
  ) {
    super(message);
  }
}

function describeSocketError(error: NodeJS.ErrnoException, where: string): NodeFailure {
  switch (error.code) {
    case 'ECONNREFUSED':
      return new NodeFailure('unreachable', `connection refused by ${where}`);
    case 'EHOSTUNREACH':
      return new NodeFailure('unreachable', `no route to host ${where}`);
    case 'ENETUNREACH':
      return new NodeFailure('unreachable', `network unreachable for ${where}`);
    case 'ETIMEDOUT':
      return new NodeFailure('unreachable', `connection to ${where} timed out`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new NodeFailure('unreachable', `host name ${where.replace(/:[0-9]+$/, '')} does not resolve`);
    case 'ECONNRESET':
      return new NodeFailure('error', `connection reset by ${where}`);
    default:
      return new NodeFailure('unreachable', `${where}: ${error.message}`);
  }
}

function tcp(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const where = `${host}:${port}`;
    const socket = tcpConnect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new NodeFailure('unreachable', `TCP connect to ${where} timed out after ${Math.round(timeoutMs / 1000)} s`),
      );
    }, timeoutMs);
    const onAbort = (): void => {
      socket.destroy();
      reject(new NodeFailure('timeout', `gave up connecting to ${where}: ${String(signal.reason ?? 'deadline')}`));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      reject(describeSocketError(error, where));
    });
  });
}

async function authMethods(spec: ConnectionSpec, keys: KeyRing): Promise<NonNullable<ConnectConfig['authHandler']>> {
  const methods: Array<
    { type: 'agent'; username: string; agent: string } | { type: 'publickey'; username: string; key: ParsedKey }
  > = [];
  if (spec.agent !== undefined) methods.push({ type: 'agent', username: spec.user, agent: spec.agent });
  for (const ref of spec.identities) {
    const key = await keys.load(ref);
    if (key) methods.push({ type: 'publickey', username: spec.user, key });
  }
  return methods;
}

interface Session {
  client: Client;
  hostKey: HostKeyDecision | undefined;
}

/** SSH handshake and authentication over `sock`. */
function handshake(
  spec: ConnectionSpec,
  sock: Duplex,
  ctx: SshContext,
  auth: NonNullable<ConnectConfig['authHandler']>,
  signal: AbortSignal,
): Promise<Session> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let decision: HostKeyDecision | undefined;
    let settled = false;
    const fail = (failure: NodeFailure): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      client.destroy();
      reject(failure);
    };
    const onAbort = (): void =>
      fail(
        new NodeFailure(
          'timeout',
          `SSH handshake with ${spec.host}:${spec.port} cut short: ${String(signal.reason ?? 'deadline')}`,
        ),
      );
    signal.addEventListener('abort', onAbort, { once: true });
    const request = {
      host: spec.host,
      port: spec.port,
      alias: spec.hostKeyAlias,
      policy: spec.policy,
      files: spec.knownHosts,
      hash: spec.hashKnownHosts,
    };
    client.on('ready', () => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolve({ client, hostKey: decision });
    });
    client.on('error', (error: Error & { level?: string }) => {
      if (decision !== undefined && !decision.accept) {
        fail(new NodeFailure('host-key-refused', decision.reason ?? 'host key refused'));
      } else if (error.level === 'client-authentication') {
        const tried = [spec.agent ? 'ssh-agent' : undefined, ...spec.identities.map((ref) => ref.path)].filter(Boolean);
        fail(
          new NodeFailure(
            'auth-failed',
            `${spec.user}@${spec.host}:${spec.port}: authentication failed (tried ${tried.length > 0 ? tried.join(', ') : 'no key: use --identity or ssh-agent'})`,
          ),
        );
      } else if (error.level === 'client-timeout') {
        fail(
          new NodeFailure(
            'timeout',
            `SSH handshake with ${spec.host}:${spec.port} timed out after ${Math.round(ctx.handshakeTimeoutMs / 1000)} s`,
          ),
        );
      } else if (error.level === 'client-socket') {
        fail(describeSocketError(error as NodeJS.ErrnoException, `${spec.host}:${spec.port}`));
      } else {
        fail(new NodeFailure('error', `SSH error from ${spec.host}:${spec.port}: ${error.message}`));
      }
    });
    client.on('close', () =>
      fail(new NodeFailure('error', `${spec.host}:${spec.port} closed the connection during the handshake`)),
    );
    const config: ConnectConfig = {
      sock: sock as unknown as NonNullable<ConnectConfig['sock']>,
      username: spec.user,
      readyTimeout: ctx.handshakeTimeoutMs,
      keepaliveInterval: spec.keepaliveIntervalMs,
      keepaliveCountMax: spec.keepaliveCountMax,
      authHandler: auth,
      algorithms: {
        serverHostKey: ctx.hostKeys.preferredAlgorithms(request) as NonNullable<
          NonNullable<ConnectConfig['algorithms']>['serverHostKey']
        >,
      },
      hostVerifier: (key: Buffer) => {
        decision = ctx.hostKeys.decide(request, key);
        if (decision.banner) ctx.onBanner(decision.banner);
        return decision.accept;
      },
    };
    try {
      client.connect(config);
    } catch (error) {
      fail(new NodeFailure('error', `SSH setup for ${spec.host}: ${(error as Error).message}`));
    }
  });
}

/** One shared connection per jump host: 200 nodes behind one bastion open one SSH session to it. */
export class JumpPool {
  private readonly sessions = new Map<string, Promise<Session>>();

  constructor(private readonly ctx: SshContext) {}

  private key(spec: ConnectionSpec): string {
    return `${spec.user}@${spec.host}:${spec.port}`;
  }

  /** A stream to `host:port` through the chain `jumps`. */
  async through(jumps: readonly ConnectionSpec[], host: string, port: number, signal: AbortSignal): Promise<Duplex> {
    let prev: Session | undefined;
    for (const hop of jumps) {
      const id = this.key(hop);
      let session = this.sessions.get(id);
      if (!session) {
        const parent = prev;
        const start = async (): Promise<Session> => {
          const sock = parent
            ? await forward(parent.client, hop.host, hop.port, hop.connectTimeoutMs)
            : await tcp(hop.host, hop.port, hop.connectTimeoutMs, signal);
          return handshake(hop, sock, this.ctx, await authMethods(hop, this.ctx.keys), signal);
        };
        session = start().catch((error: unknown) => {
          this.sessions.delete(id);
          const failure = error instanceof NodeFailure ? error : new NodeFailure('error', String(error));
          throw new NodeFailure(failure.status, `jump host ${hop.label}: ${failure.message}`);
        });
        this.sessions.set(id, session);
      }
      prev = await session;
    }
    if (!prev) throw new NodeFailure('error', 'empty jump chain');
    return forward(prev.client, host, port, jumps[jumps.length - 1]?.connectTimeoutMs ?? 10_000);
  }

  close(): void {
    for (const session of this.sessions.values()) session.then((s) => s.client.end()).catch(() => undefined);
    this.sessions.clear();
  }
}

function forward(client: Client, host: string, port: number, timeoutMs: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new NodeFailure(
            'unreachable',
            `jump host could not reach ${host}:${port} within ${Math.round(timeoutMs / 1000)} s`,
          ),
        ),
      timeoutMs,
    );
    client.forwardOut('127.0.0.1', 0, host, port, (error, stream) => {
      clearTimeout(timer);
      if (error) reject(new NodeFailure('unreachable', `jump host cannot open ${host}:${port}: ${error.message}`));
      else resolve(stream);
    });
  });
}

/** Runs `script` on the node and returns its output, classified. Never throws. */
export async function collectOverSsh(
  spec: ConnectionSpec,
  script: string,
  ctx: SshContext,
  jumps: JumpPool,
  options: CollectOptions,
): Promise<Collected> {
  const started = Date.now();
  const base = { address: spec.host, port: spec.port, user: spec.user };
  const chunks: Buffer[] = [];
  let bytes = 0;
  let scriptStderr = '';
  let session: Session | undefined;
  const limit = deadlineSignal(options.signal, options.deadline);
  const deadline = limit.signal;
  const finish = (status: NodeStatus, reason: string | undefined, exitCode: number | null): Collected => {
    limit.dispose();
    session?.client.end();
    return {
      ...base,
      status,
      ...(reason === undefined ? {} : { reason }),
      output: Buffer.concat(chunks),
      scriptStderr,
      exitCode,
      ...(session?.hostKey
        ? {
            hostKey: {
              type: session.hostKey.keyType,
              fingerprint: session.hostKey.fingerprint,
              verdict: session.hostKey.verdict,
            },
          }
        : {}),
      durationMs: Date.now() - started,
    };
  };
  if (spec.unsupported) return finish('error', spec.unsupported, null);
  try {
    const auth = await authMethods(spec, ctx.keys);
    const sock =
      spec.jumps.length > 0
        ? await jumps.through(spec.jumps, spec.host, spec.port, deadline)
        : await tcp(spec.host, spec.port, spec.connectTimeoutMs, deadline);
    session = await handshake(spec, sock, ctx, auth, deadline);
    const client = session.client;
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const onAbort = (): void => {
        client.destroy();
        reject(new NodeFailure('timeout', 'deadline'));
      };
      if (deadline.aborted) {
        onAbort();
        return;
      }
      deadline.addEventListener('abort', onAbort, { once: true });
      client.exec('/bin/sh -s', (error: Error | undefined, channel: ClientChannel) => {
        if (error) {
          deadline.removeEventListener('abort', onAbort);
          reject(new NodeFailure('error', `exec refused: ${error.message}`));
          return;
        }
        let code: number | null = null;
        channel.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > ctx.maxOutputBytes) {
            client.destroy();
            deadline.removeEventListener('abort', onAbort);
            reject(new NodeFailure('error', `output exceeded ${ctx.maxOutputBytes} bytes; stopped`));
            return;
          }
          chunks.push(chunk);
        });
        channel.stderr.on('data', (chunk: Buffer) => {
          if (scriptStderr.length < 65536) scriptStderr += chunk.toString('utf8');
        });
        channel.on('exit', (exit: number | null) => {
          code = typeof exit === 'number' ? exit : null;
        });
        channel.on('close', () => {
          deadline.removeEventListener('abort', onAbort);
          resolve(code);
        });
        channel.end(script);
      });
    });
    return finish('ok', undefined, exitCode);
  } catch (error) {
    if (error instanceof NodeFailure) {
      if (error.status === 'timeout' && error.message === 'deadline') {
        const why = options.signal.aborted
          ? 'run timeout reached'
          : `node timeout (${options.nodeTimeoutMs === undefined ? Math.round((options.deadline - started) / 1000) : options.nodeTimeoutMs / 1000} s) reached`;
        return finish('timeout', `${why} while the probes ran`, null);
      }
      return finish(error.status, error.message, null);
    }
    if (error instanceof Error && error.name === 'K8sdiagError') {
      limit.dispose();
      throw error;
    }
    return finish('error', error instanceof Error ? error.message : String(error), null);
  }
}
