import { createHmac, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** An RSA signing key with the id a JWKS publishes it under. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export function newSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/** A compact JWT; `alg` decides the signature: RS256 with the key, HS256 with `secret`, none without any. */
export function jwt(header: Record<string, unknown>, claims: Record<string, unknown>, signer: { key?: SigningKey; secret?: string }): string {
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  if (header.alg === "RS256" && signer.key !== undefined) return `${unsigned}.${base64url(sign("RSA-SHA256", Buffer.from(unsigned), signer.key.privateKey))}`;
  if (header.alg === "HS256" && signer.secret !== undefined) return `${unsigned}.${createHmac("sha256", signer.secret).update(unsigned).digest("base64url")}`;
  return `${unsigned}.`;
}

/**
 * OpenID metadata and its JWKS on loopback, as login.botframework.com publishes them: botbuilder's settings point here
 * in tests, so token validation never leaves the machine. Counts what it was asked.
 */
export class LocalOpenIdMetadata {
  readonly requests: string[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(keys: readonly SigningKey[], endorsements: readonly string[] = ["msteams"]): Promise<LocalOpenIdMetadata> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const metadata = new LocalOpenIdMetadata(server, `http://127.0.0.1:${port}`);
    const jwks = { keys: keys.map((key) => ({ ...key.publicKey.export({ format: "jwk" }), kid: key.kid, use: "sig", endorsements })) };
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      metadata.requests.push(req.url ?? "");
      const body = req.url === "/keys" ? jwks : req.url?.endsWith("/openid") === true ? { issuer: "https://api.botframework.com", jwks_uri: `${metadata.url}/keys` } : undefined;
      res.writeHead(body === undefined ? 404 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify(body ?? { error: "not found" }));
    });
    return metadata;
  }

  /** The metadata document botbuilder should read for the given path (channel, emulator: one each). */
  documentUrl(path: "channel" | "emulator"): string {
    return `${this.url}/${path}/openid`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
