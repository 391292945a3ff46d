import https from "node:https";
import { createHttpsServer } from "@vercel/cosmosdb-server";
import { z } from "zod";
import { generateLoopbackCertificate, type LoopbackCertificate } from "./loopbackCertificate";

export interface EmbeddedCosmos {
  /** https://127.0.0.1:PORT */
  readonly endpoint: string;
  /** Trusts only this server's certificate: give it to the Cosmos client, never turn TLS checks off. */
  readonly httpsAgent: https.Agent;
  /** The server's certificate (PEM): what another process trusts to reach it (NODE_EXTRA_CA_CERTS), e.g. the import CLI in tests. */
  readonly certificatePem: string;
  /** The server accepts any key; the client still needs one to sign requests. */
  readonly key: string;
  /** What a restart on the same port needs so that clients already connected trust it again. */
  readonly certificate: LoopbackCertificate;
  readonly port: number;
  close(): Promise<void>;
}

export interface EmbeddedCosmosOptions {
  /** 0 (the default) lets the system pick a free port. */
  readonly port?: number;
  /** Default: a fresh one. Give the previous server's to restart it as the same endpoint. */
  readonly certificate?: LoopbackCertificate;
  /** Sees every request as it arrives (method and path), before the server answers: lets a test act at a precise moment of a client's traffic. */
  readonly onRequest?: (method: string, path: string) => void;
}

const EMBEDDED_KEY = Buffer.from("embedded-cosmos-accepts-any-key").toString("base64");
const LOOPBACK = "127.0.0.1";
const listeningAddressSchema = z.object({ port: z.number().int().positive() });

/** An in-memory Cosmos DB endpoint for local runs and tests: loopback only, data gone on close. */
export async function startEmbeddedCosmos(opts: EmbeddedCosmosOptions = {}): Promise<EmbeddedCosmos> {
  // The package's bundled certificate expired in 2021 and names no SAN, so each start brings its own.
  const certificate = opts.certificate ?? (await generateLoopbackCertificate());
  const { cert, key } = certificate;
  const server = createHttpsServer({ cert, key, keepAlive: true });
  // Node closes an idle kept-alive socket after 5 s; a client request racing that close gets ECONNRESET (seen in the
  // bench after a quiet spell). The client's pooled sockets are ours, so let them idle far longer than any tick.
  server.keepAliveTimeout = 120_000;
  const onRequest = opts.onRequest;
  if (onRequest !== undefined) server.prependListener("request", (request) => onRequest(request.method ?? "", request.url ?? ""));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, LOOPBACK, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = listeningAddressSchema.parse(server.address());
  const httpsAgent = new https.Agent({ ca: cert, keepAlive: true });

  return {
    endpoint: `https://${LOOPBACK}:${port}`,
    httpsAgent,
    certificatePem: cert,
    key: EMBEDDED_KEY,
    certificate,
    port,
    async close() {
      httpsAgent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
