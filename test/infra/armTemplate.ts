import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** The parts of an ARM JSON template the tests read, parsed strictly enough that a typo fails loudly. */
const resourceSchema = z
  .object({
    type: z.string(),
    apiVersion: z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/),
    name: z.string(),
    condition: z.string().optional(),
    dependsOn: z.array(z.string()).optional(),
    properties: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

const parameterSchema = z
  .object({
    type: z.enum(["string", "securestring", "int", "bool", "object", "secureObject", "array"]),
    defaultValue: z.unknown().optional(),
    metadata: z.object({ description: z.string().min(1) }),
  })
  .passthrough();

const templateSchema = z.object({
  $schema: z.literal("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"),
  contentVersion: z.string(),
  parameters: z.record(z.string(), parameterSchema),
  variables: z.record(z.string(), z.unknown()),
  resources: z.array(resourceSchema),
  outputs: z.record(z.string(), z.object({ type: z.string(), value: z.unknown() })),
});

const parametersFileSchema = z.object({
  $schema: z.literal("https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"),
  contentVersion: z.string(),
  parameters: z.record(z.string(), z.object({ value: z.unknown() }).strict()),
});

export type ArmResource = z.infer<typeof resourceSchema>;
export type ArmTemplate = z.infer<typeof templateSchema>;

const INFRA = path.resolve(__dirname, "../../infra");
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(INFRA, file), "utf8"));

export const TEMPLATE_TEXT = readFileSync(path.join(INFRA, "azuredeploy.json"), "utf8");
export const template = templateSchema.parse(readJson("azuredeploy.json"));
export const exampleParameters = parametersFileSchema.parse(readJson("azuredeploy.parameters.example.json"));

export function resourcesOfType(type: string): ArmResource[] {
  return template.resources.filter((resource) => resource.type === type);
}

export function onlyResource(type: string): ArmResource {
  const found = resourcesOfType(type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as ArmResource;
}

/** Reads a nested property by path, failing the test (not returning undefined) when a step is missing. */
export function at(value: unknown, ...steps: string[]): unknown {
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== "object" || !(step in current)) throw new Error(`missing ${steps.join(".")} (at ${step})`);
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** Every string anywhere in a JSON value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, child]) => [key, ...stringsIn(child)]);
  return [];
}

export const IDENTITY_ID = "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', variables('identityName'))]";
export const IDENTITY_REFERENCE = "reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', variables('identityName')), '2023-01-31')";
