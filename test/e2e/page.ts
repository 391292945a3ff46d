// Everything that knows how the Agents Playground (0.2.x) and its Adaptive Card renderer lay out the page lives here,
// so a change of wording or layout is adapted in one place. Scenarios speak in what a person sees and does.
import type { Locator, Page } from "playwright-core";

const STEP_TIMEOUT_MS = 15_000;

/** Text a card shows, matched as a substring (a string) or by a pattern. */
export type Text = string | RegExp;

export class ChatPage {
  constructor(readonly page: Page) {
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url, { timeout: 60_000 });
    await this.composer().waitFor({ state: "visible", timeout: 60_000 });
  }

  /** Types into the chat box and sends with Enter, as a person does. */
  async say(text: string): Promise<void> {
    await this.composer().click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press("Enter");
  }

  /** Waits until one bot card shows `text` (every one of them, given several). */
  async waitForText(text: Text | readonly Text[], timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    const texts: readonly Text[] = Array.isArray(text) ? text : [text];
    const card = texts.reduce((cards, each) => cards.filter({ hasText: each }), this.cards()).last();
    await card.waitFor({ state: "visible", timeout: timeoutMs });
  }

  /** Waits until the page shows `text` anywhere: a plain message (not a card), say. */
  async waitForMessage(text: Text, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    await this.page.getByText(text).last().waitFor({ state: "visible", timeout: timeoutMs });
  }

  /** How many bot messages (cards or plain text) show every one of `text` right now. */
  async replyCount(text: Text | readonly Text[]): Promise<number> {
    return this.replies(text).count();
  }

  /** Waits until more than `than` bot messages show every one of `text`: a new answer, when the same words came before. */
  async waitForMoreReplies(text: Text | readonly Text[], than: number, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    await this.replies(text).nth(than).waitFor({ state: "visible", timeout: timeoutMs });
  }

  /**
   * Clicks the button `label` on the newest card that has one; with `near`, the one in the part of the card that
   * shows that text (a card listing several benefits has an "Assign user" under each).
   */
  async clickButton(label: Text, near?: Text): Promise<void> {
    const button = this.page.getByRole("button", { name: label, exact: typeof label === "string" });
    let scope = this.cards().filter({ has: button }).last();
    if (near !== undefined) {
      // Containers nest, and a descendant comes after its ancestors: the last match is the innermost one.
      scope = scope.locator(".ac-container").filter({ hasText: near }).filter({ has: button }).last();
    }
    await scope.getByRole("button", { name: label, exact: typeof label === "string" }).click();
  }

  /** Types `value` into the text input labelled `label` on the newest card that has one. */
  async fill(label: Text, value: string): Promise<void> {
    const input = this.page.getByLabel(label);
    await this.cards().filter({ has: input }).last().getByLabel(label).fill(value);
  }

  /** Opens the drop-down labelled `label` on the newest card that has one and picks the option showing `option`. */
  async choose(label: Text, option: Text): Promise<void> {
    await this.comboBox(label).click();
    await this.page.getByRole("option", { name: option }).first().click();
  }

  /** Picks `option` of an expanded choice (radio buttons) on the newest card that offers it. */
  async pickRadio(option: Text): Promise<void> {
    const radio = this.page.getByRole("radio", { name: option });
    await this.cards().filter({ has: radio }).last().getByRole("radio", { name: option }).first().check();
  }

  /** A people picker: types `query`, waits for the bot's suggestions, and picks the one showing `option`. */
  async pickPerson(label: Text, query: string, option: Text): Promise<void> {
    await this.comboBox(label).click();
    await this.page.keyboard.type(query);
    await this.page.getByRole("option", { name: option }).first().click();
  }

  /**
   * Sends `activity` through "Mock an Activity → Custom activity": the Playground's way to send what its chat box
   * cannot (another locale, say). The JSON is pasted into the editor, as a person would paste it.
   */
  async sendCustomActivity(activity: Readonly<Record<string, unknown>>): Promise<void> {
    await this.page.getByRole("button", { name: "Mock an Activity" }).click();
    await this.page.getByRole("menuitem", { name: "Custom activity" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Custom activity" });
    const editor = dialog.getByRole("textbox");
    // The editor fills in its template a moment after the dialog opens; on a loaded machine that could land over the
    // pasted JSON (the bot then got the template's "<custom-activity-type>"). Wait for the template, then replace it.
    const templateShown = () => editor.evaluate((e) => (e instanceof HTMLTextAreaElement || e instanceof HTMLInputElement ? e.value : (e.textContent ?? "")).trim().length > 0);
    for (let waited = 0; waited < 5_000 && !(await templateShown()); waited += 100) await this.page.waitForTimeout(100);
    await editor.focus();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.press("Delete");
    // One line: the editor auto-indents and auto-closes brackets on new lines of typed JSON.
    await this.page.keyboard.insertText(JSON.stringify(activity));
    await dialog.getByRole("button", { name: "Send activity" }).click();
    await dialog.waitFor({ state: "hidden" });
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
  }

  /** The whole page's text, for a failure report. */
  async text(): Promise<string> {
    return this.page.locator("body").innerText({ timeout: 5_000 });
  }

  private composer(): Locator {
    // The chat box is a rich-text editor (contenteditable), not an <input>; card inputs are never contenteditable.
    return this.page.locator('[contenteditable="true"][role="textbox"]');
  }

  /** The bot's messages in the transcript (a plain text answer is one too), not the log panel's echo of them. */
  private replies(text: Text | readonly Text[]): Locator {
    const texts: readonly Text[] = Array.isArray(text) ? text : [text];
    return texts.reduce((found, each) => found.filter({ hasText: each }), this.page.locator(".fai-OutputCard"));
  }

  private cards(): Locator {
    return this.page.locator(".ac-adaptiveCard");
  }

  private comboBox(label: Text): Locator {
    const box = this.page.getByRole("combobox", { name: label });
    return this.cards().filter({ has: box }).last().getByRole("combobox", { name: label });
  }
}
