import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { z } from "zod";

const listeningLine = z.object({ msg: z.string(), url: z.string() }).loose();
const memoryReportLine = z.object({ msg: z.literal("bench memory report"), report: z.number(), rss: z.number(), heapTotal: z.number(), heapUsed: z.number(), external: z.number(), arrayBuffers: z.number(), heapUsedAfterGc: z.number().optional(), spaces: z.record(z.string(), z.object({ size: z.number(), used: z.number() })), snapshot: z.string().optional() }).loose();

/** What bench/probe/memoryReport.ts writes on SIGUSR2, in bytes. */
export type MemoryReport = z.infer<typeof memoryReportLine>;
const CLOCK_TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/** A bot run as its own process (compiled JavaScript as production runs it, or a .ts entry through tsx), watched through /proc. */
export class BotProcess {
  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly url: string,
    /** performance.now() just before the spawn: the start of its cold start. */
    readonly spawnedAt: number,
    private readonly reports: MemoryReport[],
  ) {}

  static async start(name: string, entry: string, args: string[], env: Record<string, string>, cwd: string, nodeArgs: readonly string[] = []): Promise<BotProcess> {
    const spawnedAt = performance.now();
    const throughTsx = entry.endsWith(".ts") ? ["--require", require.resolve("tsx/cjs")] : [];
    const child = spawn(process.execPath, [...nodeArgs, "--disable-warning=DEP0111", "--disable-warning=DEP0005", ...throughTsx, entry, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    if (child.stdout === null) throw new Error(`${name}: no stdout`);
    const lines = createInterface({ input: child.stdout });
    const url = await new Promise<string>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`${name} exited before listening (code ${code})`)));
      lines.on("line", (line) => {
        const parsed = listeningLine.safeParse(safeJson(line));
        if (parsed.success && parsed.data.msg.startsWith("Bot listening on")) resolve(parsed.data.url);
      });
    });
    // Keep reading its log so the pipe never fills and blocks the bot.
    const reports: MemoryReport[] = [];
    lines.on("line", (line) => {
      const report = memoryReportLine.safeParse(safeJson(line));
      if (report.success) reports.push(report.data);
    });
    return new BotProcess(name, child, `${url}/api/messages`, spawnedAt, reports);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name} has no pid`);
    return this.child.pid;
  }

  /** User + system CPU time the process has used so far, in ms (10 ms resolution at 100 ticks/s: measure many turns). */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  }

  rssMb(): number {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, "utf8"));
    return match === null ? Number.NaN : Number(match[1]) / 1024;
  }

  /** Asks a bot started with `--require bench/probe/memoryReport` for its memory figures (and snapshot, if set up). */
  async memoryReport(timeoutMs = 120_000): Promise<MemoryReport> {
    const before = this.reports.length;
    this.child.kill("SIGUSR2");
    const deadline = Date.now() + timeoutMs;
    while (this.reports.length === before) {
      if (Date.now() > deadline) throw new Error(`${this.name} wrote no memory report within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const report = this.reports[before];
    if (report === undefined) throw new Error("no memory report");
    return report;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
