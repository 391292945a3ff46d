import { ErrorResponse } from "@azure/cosmos";
import { expect } from "chai";
import { BenefitsError, type ErrorCode } from "../../benefits/errors";
import { cosmosErrorToBenefitsError, withCosmosErrors } from "../../storage/cosmosErrors";

function cosmosError(fields: Record<string, unknown>): ErrorResponse {
  return Object.assign(new ErrorResponse("from cosmos"), fields);
}

describe("cosmosErrorToBenefitsError", () => {
  const mapped: { when: string; error: unknown; code: ErrorCode; retryAfterMs?: number }[] = [
    { when: "the document is missing (404)", error: cosmosError({ code: 404 }), code: "NOT_FOUND" },
    { when: "the id is taken (409)", error: cosmosError({ code: 409 }), code: "ALREADY_EXISTS" },
    { when: "the etag is stale (412)", error: cosmosError({ code: 412 }), code: "CONFLICT" },
    { when: "throttled with retryAfterInMs (429)", error: cosmosError({ code: 429, retryAfterInMs: 1200 }), code: "THROTTLED", retryAfterMs: 1200 },
    { when: "throttled with the older retryAfterInMilliseconds", error: cosmosError({ code: 429, retryAfterInMilliseconds: 800 }), code: "THROTTLED", retryAfterMs: 800 },
    { when: "throttled with only the x-ms-retry-after-ms header", error: cosmosError({ code: 429, headers: { "x-ms-retry-after-ms": "250" } }), code: "THROTTLED", retryAfterMs: 250 },
    { when: "the service fails (503)", error: cosmosError({ code: 503 }), code: "UNAVAILABLE" },
    { when: "the gateway times out (408)", error: cosmosError({ code: 408 }), code: "UNAVAILABLE" },
    { when: "the status comes as statusCode (RestError)", error: { name: "RestError", statusCode: 502 }, code: "UNAVAILABLE" },
    { when: "the connection is refused", error: { name: "RestError", code: "ECONNREFUSED", message: "connect ECONNREFUSED" }, code: "UNAVAILABLE" },
    { when: "the request times out", error: { name: "TimeoutError", code: "TimeoutError" }, code: "UNAVAILABLE" },
  ];
  for (const { when, error, code, retryAfterMs } of mapped) {
    it(`maps to ${code} when ${when}`, () => {
      const result = cosmosErrorToBenefitsError(error);
      expect(result?.code).to.equal(code);
      expect(result?.retryAfterMs).to.equal(retryAfterMs);
    });
  }

  const passedThrough: { when: string; error: unknown }[] = [
    { when: "the request is malformed (400)", error: cosmosError({ code: 400 }) },
    { when: "the key is wrong (401)", error: cosmosError({ code: 401 }) },
    { when: "the identity lacks a role (403)", error: cosmosError({ code: 403 }) },
    { when: "the caller aborted", error: { name: "AbortError", code: "ABORT_ERR" } },
    { when: "it is not an error object", error: "boom" },
  ];
  for (const { when, error } of passedThrough) {
    it(`leaves the error as it is when ${when}`, () => {
      expect(cosmosErrorToBenefitsError(error)).to.equal(undefined);
    });
  }

  it("returns a coded error unchanged when it is already one", () => {
    const coded = new BenefitsError("NO_SEATS", "none left");
    expect(cosmosErrorToBenefitsError(coded)).to.equal(coded);
  });
});

describe("withCosmosErrors", () => {
  it("rethrows the original error when there is no code for it", async () => {
    const original = cosmosError({ code: 401 });
    const thrown = await withCosmosErrors(() => Promise.reject(original)).catch((error: unknown) => error);
    expect(thrown).to.equal(original);
  });

  it("returns the operation's result when it succeeds", async () => {
    expect(await withCosmosErrors(() => Promise.resolve(42))).to.equal(42);
  });
});
