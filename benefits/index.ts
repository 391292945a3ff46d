// The domain's public face: what dialogs, bot/ and storage/ may use.
export * from "./errors";
export * from "./ports";
export * from "./types";
export * from "./rules/roles";
export * from "./rules/seats";
export * from "./rules/contacts";
export * from "./rules/cancel";
export * from "./rules/lifecycle";
export * from "./useCases/deps";
export * from "./useCases/visualStudio";
export * from "./useCases/technical";
export * from "./useCases/softwareAndCloud";
export * from "./useCases/goToMarket";
export * from "./useCases/cancel";
export * from "./useCases/directory";
export * from "./useCases/overview";
