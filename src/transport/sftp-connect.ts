/**
 * Open an SSH connection and its SFTP channel: TCP_NODELAY on (ssh2 streams crawl at ~2 MB/s
 * without it), host key checked against the pins before any credential is sent.
 * @module
 */
import { connect as tcpConnect } from 'node:net';
import type { Client, ConnectConfig, SFTPWrapper } from 'ssh2';
import { ToolkitError } from '../core/index.js';
import { checkHostKey, type HostKeyPins } from './host-key.js';
import type { SftpCredentials } from './sftp-credentials.js';
import { SshClient } from './ssh2-runtime.js';

/** Where and how to connect. */
export interface SftpConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly credentials: SftpCredentials;
  readonly pins: HostKeyPins;
  readonly timeoutMs?: number;
}

/** A live connection. */
export interface SftpConnection {
  readonly client: Client;
  readonly sftp: SFTPWrapper;
}

const HOST_KEY_ALGORITHMS: Readonly<Record<string, readonly string[]>> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

function hostKeyAlgorithms(pins: HostKeyPins): ConnectConfig['algorithms'] {
  if (pins.fingerprints.length > 0 || pins.knownHosts.length === 0) return undefined;
  const list = pins.knownHosts.flatMap((k) => HOST_KEY_ALGORITHMS[k.keyType] ?? [k.keyType]);
  type HostKeyList = Exclude<NonNullable<ConnectConfig['algorithms']>['serverHostKey'], undefined>;
  return { serverHostKey: [...new Set(list)] as HostKeyList };
}

function openSocket(host: string, port: number, timeoutMs: number) {
  return new Promise<ReturnType<typeof tcpConnect>>((resolve, reject) => {
    const sock = tcpConnect({ host, port, noDelay: true, timeout: timeoutMs });
    sock.once('connect', () => {
      sock.setTimeout(0);
      resolve(sock);
    });
    sock.once('timeout', () => sock.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    sock.once('error', (cause) =>
      reject(
        new ToolkitError('SFTP_CONNECT_FAILED', `Cannot reach ${host}:${port}: ${cause.message}`, {
          cause,
          context: { host, port },
        }),
      ),
    );
  });
}

/** Connect, verify the host key, log in and open SFTP. */
export async function connectSftp(options: SftpConnectOptions): Promise<SftpConnection> {
  const { host, port, user, credentials } = options;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const sock = await openSocket(host, port, timeoutMs);
  const client: Client = new SshClient();
  let refused: ToolkitError | undefined;
  return new Promise<SftpConnection>((resolve, reject) => {
    client.once('error', (cause: Error & { level?: string }) => {
      client.end();
      sock.destroy();
      if (refused) return reject(refused);
      if (cause.level === 'client-authentication')
        return reject(
          new ToolkitError('SFTP_AUTH_FAILED', `${host}:${port} refused the login of ${user}.`, {
            cause,
            context: { host, port, user },
          }),
        );
      reject(
        new ToolkitError('SFTP_CONNECT_FAILED', `SSH to ${host}:${port} failed: ${cause.message}`, {
          cause,
          context: { host, port },
        }),
      );
    });
    client.once('ready', () => {
      client.setNoDelay(true);
      client.sftp((cause, sftp) => {
        if (cause) {
          client.end();
          return reject(
            new ToolkitError('SFTP_CONNECT_FAILED', `${host}:${port} has no SFTP subsystem.`, { cause }),
          );
        }
        resolve({ client, sftp });
      });
    });
    const algorithms = hostKeyAlgorithms(options.pins);
    const config: ConnectConfig = {
      sock,
      username: user,
      readyTimeout: timeoutMs,
      keepaliveInterval: 15_000,
      ...(algorithms ? { algorithms } : {}),
      ...(credentials.password === undefined ? {} : { password: credentials.password.reveal() }),
      ...(credentials.privateKey === undefined ? {} : { privateKey: credentials.privateKey }),
      ...(credentials.passphrase === undefined ? {} : { passphrase: credentials.passphrase.reveal() }),
      hostVerifier: (key: Buffer) => {
        try {
          checkHostKey(`${host}:${port}`, key, options.pins);
          return true;
        } catch (error) {
          refused = error as ToolkitError;
          return false;
        }
      },
    };
    try {
      client.connect(config);
    } catch (cause) {
      // ssh2 throws here on a key it cannot parse: close the socket, or the process never exits
      sock.destroy();
      reject(
        new ToolkitError('SFTP_CREDENTIALS_MISSING', `The SSH login to ${host}:${port} could not start.`, {
          cause,
          context: { host, port },
        }),
      );
    }
  });
}
