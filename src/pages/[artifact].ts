/**
 * Emits the bundled CLI and its checksum into the built site: /k8sdiag.mjs and /k8sdiag.mjs.sha256.
 * No route is emitted when the CLI was not built (see _cli/artifact.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { ARTIFACT_NAME, CHECKSUM_NAME, cliArtifact } from './_cli/artifact';

export const getStaticPaths = (() => {
  if (cliArtifact() === undefined) return [];
  return [{ params: { artifact: ARTIFACT_NAME } }, { params: { artifact: CHECKSUM_NAME } }];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const artifact = cliArtifact();
  if (artifact === undefined) return new Response('not built', { status: 404 });
  if (params.artifact === CHECKSUM_NAME) {
    return new Response(artifact.checksumLine, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return new Response(new Uint8Array(artifact.bytes), {
    headers: { 'Content-Type': 'text/javascript; charset=utf-8' },
  });
};
