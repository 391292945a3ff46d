import { z } from "zod";

/** The limits a package file is held to before anything is read further (issue 8, item 2). */
export const PACKAGE_FILE_LIMITS = { maxBytes: 1024 * 1024, maxBenefits: 500, maxKeysPerProduct: 500 } as const;
export const PACKAGE_FORMAT_VERSION = 1;

/** Ids written by people in a file: they become document ids, so they keep to characters every store accepts. */
const fileIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, and . _ - after the first character");
const textSchema = z.string().trim().min(1).max(120);
const shortTextSchema = z.string().trim().min(1).max(40);
const instructionsSchema = z.string().max(2000);
/** A calendar day (2025-03-01, read as midnight UTC) or a full ISO 8601 time with its offset. */
const fileDateSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const licenseKeySchema = z.string().trim().min(1).max(64);

const productKeysSchema = z.strictObject({
  product: textSchema.describe("The product the keys unlock, as Partner Center names it."),
  keys: z.array(licenseKeySchema).max(PACKAGE_FILE_LIMITS.maxKeysPerProduct).describe("License keys; never shown in a preview or logged."),
});

const benefitCommon = {
  id: fileIdSchema.describe("Stable id of this benefit: a re-import with the same id updates it instead of adding another."),
  name: textSchema.describe("What people see, e.g. \"Visual Studio Enterprise subscription\"."),
};

const softwareSchema = z.strictObject({
  ...benefitCommon,
  category: z.literal("software"),
  products: z.array(productKeysSchema).min(1).max(20),
  languages: z.array(shortTextSchema).min(1).max(40),
  operatingSystems: z.array(shortTextSchema).min(1).max(10),
  downloads: z
    .array(z.strictObject({ language: shortTextSchema, os: shortTextSchema, url: z.url({ protocol: /^https$/ }).max(500) }))
    .max(200)
    .default([]),
  instructions: instructionsSchema.default(""),
});

const cloudSchema = z.strictObject({
  ...benefitCommon,
  category: z.literal("cloud"),
  billing: z.enum(["usage", "license"]).describe("usage: an Azure subscription billed by use; license: a product with license keys."),
  products: z.array(productKeysSchema).max(20).default([]),
  instructions: instructionsSchema.default(""),
  expiresAt: fileDateSchema.optional(),
});

export const VISUAL_STUDIO_EDITIONS = ["Enterprise", "Professional", "Test Professional", "Platforms"] as const;
const visualStudioSchema = z.strictObject({
  ...benefitCommon,
  category: z.literal("visualStudio"),
  edition: z.enum(VISUAL_STUDIO_EDITIONS),
  seats: z.number().int().min(0).max(10_000),
  expiresAt: fileDateSchema.optional(),
});

const technicalSchema = z.strictObject({
  ...benefitCommon,
  category: z.literal("technical"),
  kind: z.enum(["supportIncidents", "advisoryHours", "presalesDeployment"]),
  quantity: z.number().int().min(0).max(10_000).describe("Incidents, hours or engagements, by kind."),
  expiresAt: fileDateSchema.optional(),
});

const goToMarketSchema = z.strictObject({
  ...benefitCommon,
  category: z.literal("goToMarket"),
  level: textSchema.describe("The benefit level the offer is listed under, e.g. \"Gold Core\"."),
});

export const packageFileBenefitSchema = z.discriminatedUnion("category", [
  softwareSchema,
  cloudSchema,
  visualStudioSchema,
  technicalSchema,
  goToMarketSchema,
]);
export type PackageFileBenefit = z.infer<typeof packageFileBenefitSchema>;

/** A benefit package as an organization writes it. Unknown fields are refused, so a typo is never silently dropped. */
export const packageFileSchema = z
  .strictObject({
    $schema: z.string().max(500).optional(),
    formatVersion: z.literal(PACKAGE_FORMAT_VERSION),
    id: fileIdSchema.optional().describe("Identity of the package in its tenant; without it, name + purchase date are its identity."),
    name: textSchema,
    level: textSchema.describe("Level or designation: Action Pack, Silver Core, Gold Core, Solutions Partner..."),
    purchasedAt: fileDateSchema,
    expiresAt: fileDateSchema.optional(),
    benefits: z.array(packageFileBenefitSchema).max(PACKAGE_FILE_LIMITS.maxBenefits),
  })
  .superRefine((file, context) => {
    const seen = new Map<string, number>();
    file.benefits.forEach((benefit, index) => {
      const first = seen.get(benefit.id);
      if (first !== undefined) {
        context.addIssue({ code: "custom", path: ["benefits", index, "id"], message: `the same id as benefits[${first}]` });
      } else {
        seen.set(benefit.id, index);
      }
    });
  });
export type PackageFile = z.infer<typeof packageFileSchema>;

export interface FileProblem {
  /** Where in the file, e.g. "benefits[3].seats"; empty for the file as a whole. */
  readonly path: string;
  readonly message: string;
}

export type PackageFileReading = { readonly ok: true; readonly file: PackageFile } | { readonly ok: false; readonly problems: FileProblem[] };

const MAX_PROBLEMS = 50;

/** Reads the bytes of a package file: size, UTF-8 (a BOM is allowed), JSON, then the schema, each problem with its path. */
export function readPackageFile(content: Uint8Array | string): PackageFileReading {
  const bytes = typeof content === "string" ? Buffer.byteLength(content, "utf8") : content.byteLength;
  if (bytes > PACKAGE_FILE_LIMITS.maxBytes) {
    return { ok: false, problems: [{ path: "", message: `the file is ${bytes} bytes; at most ${PACKAGE_FILE_LIMITS.maxBytes} are accepted` }] };
  }
  let text: string;
  try {
    text = typeof content === "string" ? content : new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    return { ok: false, problems: [{ path: "", message: "the file is not UTF-8 text" }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { ok: false, problems: [{ path: "", message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return checkPackageFile(json);
}

/** Checks an already parsed value against the format. */
export function checkPackageFile(json: unknown): PackageFileReading {
  const parsed = packageFileSchema.safeParse(json);
  if (parsed.success) return { ok: true, file: parsed.data };
  return { ok: false, problems: parsed.error.issues.slice(0, MAX_PROBLEMS).map(toProblem) };
}

function toProblem(issue: z.core.$ZodIssue): FileProblem {
  const path = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    return { path, message: `unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.map((key) => key.slice(0, 40)).join(", ")}` };
  }
  // Never quote the rejected value: it could be a license key.
  return { path, message: issue.message };
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === "number") return `${text}[${part}]`;
    const name = String(part).slice(0, 40);
    return text === "" ? name : `${text}.${name}`;
  }, "");
}

/** The moment a file date stands for: a bare day is midnight UTC. */
export function fileDateToIso(date: string): string {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00.000Z` : date).toISOString();
}
