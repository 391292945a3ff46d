import { crc32 } from "node:zlib";
import { inflateRawSync } from "node:zlib";

export interface ZipFile {
  readonly name: string;
  readonly method: number;
  readonly data: Buffer;
}

/**
 * A small, strict reader for the archives the packager writes: it walks the central directory, checks each local
 * header against it, inflates and checks the CRC with node:zlib's own crc32 (not the writer's).
 */
export function readZip(archive: Buffer): ZipFile[] {
  const endOffset = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOffset < 0) throw new Error("no end of central directory");
  const count = archive.readUInt16LE(endOffset + 10);
  const directorySize = archive.readUInt32LE(endOffset + 12);
  let cursor = archive.readUInt32LE(endOffset + 16);
  if (cursor + directorySize !== endOffset) throw new Error("central directory does not end where the end record starts");
  const files: ZipFile[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(cursor) !== 0x02014b50) throw new Error(`bad central header ${i}`);
    const method = archive.readUInt16LE(cursor + 10);
    const crc = archive.readUInt32LE(cursor + 16);
    const compressedSize = archive.readUInt32LE(cursor + 20);
    const size = archive.readUInt32LE(cursor + 24);
    const nameLength = archive.readUInt16LE(cursor + 28);
    const extraLength = archive.readUInt16LE(cursor + 30);
    const commentLength = archive.readUInt16LE(cursor + 32);
    const localOffset = archive.readUInt32LE(cursor + 42);
    const name = archive.toString("utf8", cursor + 46, cursor + 46 + nameLength);
    cursor += 46 + nameLength + extraLength + commentLength;

    if (archive.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const localNameLength = archive.readUInt16LE(localOffset + 26);
    const localExtraLength = archive.readUInt16LE(localOffset + 28);
    if (archive.toString("utf8", localOffset + 30, localOffset + 30 + localNameLength) !== name) throw new Error(`local name differs for ${name}`);
    if (archive.readUInt32LE(localOffset + 14) !== crc) throw new Error(`local CRC differs for ${name}`);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const raw = archive.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : undefined;
    if (data === undefined) throw new Error(`unsupported method ${method} for ${name}`);
    if (data.length !== size) throw new Error(`size differs for ${name}`);
    if (crc32(data) !== crc) throw new Error(`CRC mismatch for ${name}`);
    files.push({ name, method, data });
  }
  return files;
}
