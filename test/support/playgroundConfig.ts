import { z } from "zod";

// The fields the Playground's own JSON schema (config 0.1.1) requires; it also wants exactly 5 `users`.
const playgroundUser = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1).max(256),
  userPrincipleName: z.string().min(1),
  aadObjectId: z.string().min(1),
  givenName: z.string().min(1).max(256),
  surname: z.string().min(1).max(256),
  email: z.string().min(1),
});

export const playgroundConfig = z.strictObject({
  version: z.enum(["0.1.0", "0.1.1"]),
  tenantId: z.string(),
  bot: z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(42) }),
  currentUser: playgroundUser,
  users: z.array(playgroundUser).length(5),
  personalChat: z.strictObject({ id: z.string().min(1) }),
  groupChat: z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(256) }),
  team: z.strictObject({
    id: z.string().min(1),
    name: z.string().min(1).max(256),
    aadGroupId: z.string().min(1),
    channels: z.array(z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(256) })).max(1),
  }),
});
