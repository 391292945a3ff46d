import { expect } from "chai";
import { eachLimited } from "../../benefits/notifications/eachLimited";

describe("benefits/notifications/eachLimited (the scheduler's bounded concurrency)", () => {
  it("runs every item once, never more than the limit at a time, and keeps all busy while work remains", async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    const gates: (() => void)[] = [];
    const run = eachLimited([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4, async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => gates.push(resolve));
      inFlight--;
      done.push(item);
    });
    // Releases one waiting item per turn of the event loop until all are done.
    while (done.length < 10) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }
    await run;

    expect(most).to.equal(4);
    expect([...done].sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("does nothing for no items, and rejects with a failure of the work", async () => {
    let calls = 0;
    await eachLimited([], 4, async () => {
      calls++;
    });
    const failure = await eachLimited([1, 2], 4, async (i) => {
      if (i === 2) throw new Error("boom");
    }).then(() => undefined, (error: unknown) => error);

    expect(calls).to.equal(0);
    expect(failure).to.be.instanceOf(Error).with.property("message", "boom");
  });
});
