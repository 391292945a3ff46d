import { BenefitsError } from "../errors";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function sameEmail(a: string, b: string): boolean {
  return normalizeEmail(a) === normalizeEmail(b);
}

/**
 * Microsoft mails support and Go-To-Market instructions to an address other than the account one, as a safeguard:
 * the two must differ, ignoring case and surrounding spaces.
 */
export function assertAlternateEmailDiffers(accountEmail: string, alternateEmail: string): void {
  if (sameEmail(accountEmail, alternateEmail)) {
    throw new BenefitsError("SAME_EMAIL", "the alternate email must differ from the user's account email", { accountEmail });
  }
}

// National numbers are often written with the area code in brackets first: "(425) 555-0100".
const PHONE_CHARACTERS = /^\+?[0-9(][0-9 ().-]*$/;

/** International or national numbers: 7 to 15 digits (E.164's maximum), with common separators. Returns the canonical form. */
export function normalizePhone(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, "");
  if (!PHONE_CHARACTERS.test(trimmed) || digits.length < 7 || digits.length > 15) {
    throw new BenefitsError("INVALID_PHONE", "a phone number has 7 to 15 digits, optionally a leading +", { phone: trimmed.slice(0, 40) });
  }
  return (trimmed.startsWith("+") ? "+" : "") + digits;
}
