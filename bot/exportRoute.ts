import type { Request, Response } from "restify";
import type { ExportDownload } from "../benefits";

/** Finds the file behind a token, once; undefined for every kind of wrong token. */
export type ExportRedeemer = (token: string) => Promise<ExportDownload | undefined>;

const NOT_FOUND = { error: "No such export (links work once, for ten minutes)." };

/** GET /api/exports/:token — the link itself is the credential (256 random bits, one use, ten minutes, one tenant). */
export function exportDownloadHandler(redeem: ExportRedeemer, log?: (message: string, error?: unknown) => void) {
  return async (req: Request, res: Response): Promise<void> => {
    const token = typeof req.params?.token === "string" ? req.params.token : "";
    try {
      const download = await redeem(token);
      if (download === undefined) {
        res.send(404, NOT_FOUND);
        return;
      }
      res.writeHead(200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${download.filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
      // The BOM makes spreadsheet apps read the file as UTF-8 (names with accents).
      res.end(`\uFEFF${download.csv}`);
    } catch (error) {
      // Never log the token: it is the credential.
      log?.("GET /api/exports failed", error);
      res.send(500, { error: "The export could not be prepared." });
    }
  };
}
