import type { DirectoryUser } from "../benefits";

/**
 * A person as one line: "Name (email)", or just the email when the name is the email (someone added by address
 * only), so no row prints the same thing twice. Not escaped: callers escape when it goes into Markdown text.
 */
export function personLabel(user: Pick<DirectoryUser, "displayName" | "email">): string {
  const name = user.displayName.trim();
  if (user.email === "" || name.toLowerCase() === user.email.toLowerCase()) return name === "" ? user.email : name;
  return name === "" ? user.email : `${name} (${user.email})`;
}
