import { generate } from "selfsigned";

export interface LoopbackCertificate {
  /** PEM certificate: serve it, and trust exactly it on the client side. */
  readonly cert: string;
  /** PEM private key; it never leaves this process. */
  readonly key: string;
}

/**
 * A fresh self-signed certificate for 127.0.0.1 and localhost.
 * EC P-256 takes a few milliseconds where RSA 2048 takes 60-160 ms, and every test run starts servers.
 */
export async function generateLoopbackCertificate(): Promise<LoopbackCertificate> {
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: false, critical: true },
      { name: "keyUsage", digitalSignature: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      // Clients check the endpoint's host against the SAN, not the common name.
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
