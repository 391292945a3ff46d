import { crc32 as zlibCrc32 } from "node:zlib";
import { expect } from "chai";
import { crc32, writeZip } from "../../scripts/appPackage/zip";
import { readZip } from "../support/zipReader";

describe("appPackage/zip", () => {
  it("computes the same CRC-32 as node:zlib for text, binary and empty data", () => {
    for (const data of [Buffer.from("manifest"), Buffer.from([0, 255, 1, 254, 128]), Buffer.alloc(0), Buffer.alloc(70_000, 7)]) {
      expect(crc32(data)).to.equal(zlibCrc32(data));
    }
  });

  it("reads back every entry, deflated, in order and byte for byte", () => {
    const entries = [
      { name: "manifest.json", data: Buffer.from('{"a":1}') },
      { name: "empty.txt", data: Buffer.alloc(0) },
      { name: "blob.bin", data: Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 37) % 256)) },
    ];

    const files = readZip(writeZip(entries));

    expect(files.map((f) => [f.name, f.method])).to.deep.equal(entries.map((e) => [e.name, 8]));
    files.forEach((file, i) => expect(file.data.equals(entries[i]?.data ?? Buffer.alloc(1)), file.name).to.equal(true));
  });

  it("gives the same bytes for the same entries (no clock in the archive)", () => {
    const entries = [{ name: "a.json", data: Buffer.from("{}") }];
    expect(writeZip(entries).equals(writeZip(entries))).to.equal(true);
  });

  for (const [when, names] of [
    ["an entry sits in a folder", ["appPackage/manifest.json"]],
    ["two entries share a name", ["a.json", "a.json"]],
    ["a name climbs out", [".."]],
  ] as const) {
    it(`refuses when ${when}`, () => {
      expect(() => writeZip(names.map((name) => ({ name, data: Buffer.from("x") })))).to.throw(/zip entry name/);
    });
  }
});
