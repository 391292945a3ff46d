import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { downloadAttachment, DownloadError, fileAttachmentOf, TEAMS_FILE_DOWNLOAD_INFO, type DownloadFailure, type FileAttachmentRef } from "../../bot/attachmentDownload";

const FILE = '{"formatVersion":1}';

describe("bot/attachmentDownload", () => {
  let server: http.Server;
  let base: string;
  before(async () => {
    // No chained writeHead: restify, loaded by other test files, patches ServerResponse and its writeHead returns nothing.
    const redirect = (res: http.ServerResponse, location: string) => {
      res.writeHead(302, { location });
      res.end();
    };
    server = http.createServer((req, res) => {
      if (req.url === "/file.json") return void res.end(FILE);
      if (req.url === "/same-host") return redirect(res, "/file.json");
      if (req.url === "/other-host") return redirect(res, `http://localhost:${(server.address() as AddressInfo).port}/file.json`);
      if (req.url === "/big") return void res.end("x".repeat(2048));
      if (req.url === "/big-chunked") {
        res.write("x".repeat(1500));
        return void res.end("y".repeat(1500));
      }
      if (req.url === "/never") return;
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  describe("fileAttachmentOf", () => {
    it("reads Teams' file download info and the plain contentUrl shape, and ignores cards", () => {
      expect(fileAttachmentOf([{ contentType: TEAMS_FILE_DOWNLOAD_INFO, name: "p.json", content: { downloadUrl: "https://x.example/d", fileType: "json" } }])).to.deep.equal({
        url: "https://x.example/d",
        name: "p.json",
        fileType: "json",
      });
      expect(fileAttachmentOf([{ contentType: "application/json", contentUrl: "http://127.0.0.1:1/f", name: "p.json" }])).to.deep.equal({ url: "http://127.0.0.1:1/f", name: "p.json", fileType: "json" });
      expect(fileAttachmentOf([{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: "https://x.example" }])).to.equal(undefined);
      expect(fileAttachmentOf(undefined)).to.equal(undefined);
    });

    it("tells the file's type by Teams' fileType, else the name's extension, else the content type", () => {
      const teams = (name: string, fileType?: string) => fileAttachmentOf([{ contentType: TEAMS_FILE_DOWNLOAD_INFO, name, content: { downloadUrl: "https://x.example/d", fileType } }])?.fileType;
      const plain = (contentType: string, name?: string) => fileAttachmentOf([{ contentType, contentUrl: "http://127.0.0.1:1/f", name }])?.fileType;
      expect(teams("people.txt", "CSV")).to.equal("csv");
      expect(teams("People.CSV")).to.equal("csv");
      expect(plain("text/csv; charset=utf-8")).to.equal("csv");
      expect(plain("application/octet-stream", "rows.csv")).to.equal("csv");
      expect(plain("application/octet-stream")).to.equal("");
      expect(plain("image/png", "photo.png")).to.equal("png");
    });
  });

  const ref = (path: string): FileAttachmentRef => ({ url: `${base}${path}`, name: "file.json", fileType: "json" });

  it("downloads the file in local mode, following a redirect on the same host", async () => {
    expect(Buffer.from(await downloadAttachment(ref("/file.json"), { localMode: true })).toString()).to.equal(FILE);
    expect(Buffer.from(await downloadAttachment(ref("/same-host"), { localMode: true })).toString()).to.equal(FILE);
  });

  const refusals: { name: string; path: string; localMode: boolean; reason: DownloadFailure; timeoutMs?: number }[] = [
    { name: "the URL is plain http outside local mode", path: "/file.json", localMode: false, reason: "notHttps" },
    { name: "a redirect points to another host", path: "/other-host", localMode: true, reason: "crossHostRedirect" },
    { name: "the declared size is over the limit", path: "/big", localMode: true, reason: "tooLarge" },
    { name: "what arrives is over the limit", path: "/big-chunked", localMode: true, reason: "tooLarge" },
    { name: "the server answers 404", path: "/missing", localMode: true, reason: "httpStatus" },
    { name: "the server never answers", path: "/never", localMode: true, reason: "timeout", timeoutMs: 300 },
  ];
  for (const { name, path, localMode, reason, timeoutMs } of refusals) {
    it(`refuses with ${reason} when ${name}`, async () => {
      let thrown: unknown;
      try {
        await downloadAttachment(ref(path), { localMode, maxBytes: 1024, timeoutMs });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(DownloadError);
      expect((thrown as DownloadError).reason).to.equal(reason);
    });
  }
});
