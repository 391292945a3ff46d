import { z } from "zod";
import { t, type Locale } from "./strings";

/** Rows per page of a benefit list: ten rows with their buttons fit a Teams screen and stay far under the size cap. */
export const LIST_PAGE_SIZE = 10;

export interface Page<T> {
  /** 0-based, always a page that exists (0 for an empty list). */
  readonly page: number;
  readonly pageCount: number;
  readonly items: readonly T[];
}

/**
 * A page number from a card's data, which a client could forge: anything that is not a whole number ≥ 0 reads as the
 * first page; a number past the end is cut to the last page by `pageOf`, so it never shows an empty card.
 */
const pageSchema = z.union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,15}$/).transform(Number)]);
export function askedPage(data: Readonly<Record<string, unknown>> | undefined): number {
  const parsed = pageSchema.safeParse(data?.page);
  return parsed.success ? parsed.data : 0;
}

export function pageOf<T>(all: readonly T[], asked: number, size = LIST_PAGE_SIZE): Page<T> {
  const pageCount = Math.max(1, Math.ceil(all.length / size));
  const page = Math.min(Math.max(0, Math.floor(asked)), pageCount - 1);
  return { page, pageCount, items: all.slice(page * size, (page + 1) * size) };
}

/** The page holding the item at `index` (e.g. the row just changed), for a card that shows it again. */
export function pageHolding(index: number, size = LIST_PAGE_SIZE): number {
  return index < 0 ? 0 : Math.floor(index / size);
}

/** What a paged template needs for its page line and its Previous / Next buttons (both send the page they open). */
export interface PagingCardData {
  readonly pageLabel: string;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly previousPage: number;
  readonly nextPage: number;
  readonly previousButton: string;
  readonly nextButton: string;
}

/** A list of one page has no page line and no buttons. */
export function pagingData(locale: Locale, shown: Page<unknown>): PagingCardData {
  return {
    pageLabel: shown.pageCount > 1 ? t(locale, "paging.label", { page: shown.page + 1, pages: shown.pageCount }) : "",
    hasPrevious: shown.page > 0,
    hasNext: shown.page < shown.pageCount - 1,
    previousPage: Math.max(0, shown.page - 1),
    nextPage: Math.min(shown.pageCount - 1, shown.page + 1),
    previousButton: t(locale, "paging.previous"),
    nextButton: t(locale, "paging.next"),
  };
}
