import { expect } from "chai";
import { SendPacer } from "../../benefits/notifications/pacer";

/** A clock that only moves when the pacer sleeps: every wait is visible and costs no real time. */
function manualClock() {
  const clock = {
    at: 0,
    sleeps: [] as number[],
    now: () => clock.at,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.at += ms;
    },
  };
  return clock;
}

async function sendTimes(pacer: SendPacer, clock: ReturnType<typeof manualClock>, sends: { tenant: string; conversation: string }[]): Promise<number[]> {
  const times: number[] = [];
  for (const { tenant, conversation } of sends) {
    const release = await pacer.acquire(tenant, conversation);
    times.push(clock.now());
    release();
  }
  return times;
}

const repeat = <T>(count: number, value: T): T[] => Array.from({ length: count }, () => value);

describe("benefits/notifications/pacer", () => {
  it("lets 7 sends into one conversation through at once and holds the 8th until the first leaves the 1-second window", async () => {
    const clock = manualClock();
    const times = await sendTimes(new SendPacer(clock), clock, repeat(8, { tenant: "t", conversation: "c" }));
    expect(times).to.deep.equal([...repeat(7, 0), 1000]);
  });

  it("never allows more than 50 sends per second in a tenant when the sends go to different conversations", async () => {
    const clock = manualClock();
    const sends = Array.from({ length: 120 }, (_, i) => ({ tenant: "t", conversation: `c${i}` }));
    const times = await sendTimes(new SendPacer(clock), clock, sends);
    for (const start of times) expect(times.filter((t) => t >= start && t < start + 1000).length).to.be.at.most(50);
    expect(times[49]).to.equal(0);
    expect(times[50]).to.equal(1000);
  });

  it("does not slow one tenant down because another tenant is at its limit", async () => {
    const clock = manualClock();
    const pacer = new SendPacer(clock);
    await sendTimes(pacer, clock, Array.from({ length: 50 }, (_, i) => ({ tenant: "busy", conversation: `c${i}` })));
    (await pacer.acquire("quiet", "c0"))();
    expect(clock.sleeps).to.deep.equal([]);
  });

  it("keeps every 1-second window of one conversation at 7 or fewer under a long burst", async () => {
    const clock = manualClock();
    const times = await sendTimes(new SendPacer(clock), clock, repeat(30, { tenant: "t", conversation: "c" }));
    for (const start of times) expect(times.filter((t) => t >= start && t < start + 1000).length).to.be.at.most(7);
  });

  it("counts a send's window from its end: a send still in flight or just ended holds the next one back", async () => {
    const clock = manualClock();
    const pacer = new SendPacer(clock);
    const releases = await Promise.all(repeat(7, 0).map(() => pacer.acquire("t", "c")));
    clock.at = 300;
    for (const release of releases) release();
    const eighth = await pacer.acquire("t", "c");
    expect(clock.now()).to.equal(1300);
    eighth();
  });

  it("waits while the whole limit is in flight, and goes on once one send ends", async () => {
    const clock = manualClock();
    const pacer = new SendPacer(clock);
    const releases = await Promise.all(repeat(7, 0).map(() => pacer.acquire("t", "c")));
    const waiting = pacer.acquire("t", "c");
    await Promise.resolve();
    releases[0]?.();
    await waiting;
    expect(clock.sleeps.length).to.be.greaterThan(0);
    expect(clock.now()).to.be.at.least(1000);
  });
});
