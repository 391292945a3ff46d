import { expect } from "chai";
import sinon from "sinon";
import { post, replyTexts, startBot, teamsMessage, type RunningBot } from "../support/botHttp";
import { jwt, LocalOpenIdMetadata, newSigningKey, type SigningKey } from "../support/signingKeys";

const APP_ID = "11111111-2222-4333-8444-555555555555";
const APP_PASSWORD = "app-password-used-as-an-hmac-key";
const CHANNEL_ISSUER = "https://api.botframework.com";
const SERVICE_URL = "https://smba.example.test/emea/";
// An issuer botbuilder treats as the Emulator's: its token is checked against the emulator metadata document.
const EMULATOR_ISSUER = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

/** The real adapter and server with credentials configured, reading its signing keys from `metadataUrls`. */
function startSignedBot(metadataUrls: { channel: string; emulator: string }): Promise<RunningBot> {
  return startBot({
    env: {
      LOCAL_MODE: "false",
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: APP_PASSWORD,
      ToBotFromChannelOpenIdMetadataUrl: metadataUrls.channel,
      ToBotFromEmulatorOpenIdMetadataUrl: metadataUrls.emulator,
    },
  });
}

function channelClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
}

describe("incoming tokens (credentials configured)", () => {
  const published = newSigningKey("published-key");
  const stranger = newSigningKey("published-key");
  const unknown = newSigningKey("unknown-key");
  let metadata: LocalOpenIdMetadata;
  let running: RunningBot;
  let consoleError: sinon.SinonStub;

  before(async () => {
    metadata = await LocalOpenIdMetadata.start([published]);
    running = await startSignedBot({ channel: metadata.documentUrl("channel"), emulator: metadata.documentUrl("emulator") });
  });
  // CloudAdapter writes every refused request to console.error: expected here, kept out of the test output.
  beforeEach(() => {
    consoleError = sinon.stub(console, "error");
  });
  afterEach(() => sinon.restore());
  after(async () => {
    await running.close();
    await metadata.close();
  });

  const send = (authorization: string | undefined) =>
    post(`${running.url}/api/messages`, teamsMessage({ serviceUrl: SERVICE_URL }), authorization === undefined ? {} : { authorization });
  const rs256 = (key: SigningKey, claims: Record<string, unknown>) => `Bearer ${jwt({ alg: "RS256", typ: "JWT", kid: key.kid }, claims, { key })}`;

  it("accepts a token signed by a key the configured OpenID metadata publishes, and runs the turn", async () => {
    const before = running.bot.runs;

    const answer = await send(rs256(published, channelClaims()));

    expect(answer.status).to.equal(200);
    expect(replyTexts(answer.body)).to.deep.equal(["pong"]);
    expect(running.bot.runs).to.equal(before + 1);
    expect(metadata.requests).to.include.members(["/channel/openid", "/keys"]);
  });

  const refused: { when: string; authorization: () => string | undefined }[] = [
    { when: "there is no token", authorization: () => undefined },
    { when: "the header is empty", authorization: () => "" },
    { when: "the token is garbage", authorization: () => "Bearer not.a.token" },
    { when: "the scheme is not Bearer", authorization: () => rs256(published, channelClaims()).replace("Bearer", "Basic") },
    { when: "the token is unsigned (alg none)", authorization: () => `Bearer ${jwt({ alg: "none", typ: "JWT", kid: published.kid }, channelClaims(), {})}` },
    { when: "the token is HS256-signed with the app password", authorization: () => `Bearer ${jwt({ alg: "HS256", typ: "JWT", kid: published.kid }, channelClaims(), { secret: APP_PASSWORD })}` },
    { when: "the token is RS256-signed with an unknown key id", authorization: () => rs256(unknown, channelClaims()) },
    { when: "the token claims a published key id but another key signed it", authorization: () => rs256(stranger, channelClaims()) },
    { when: "the token has expired", authorization: () => rs256(published, channelClaims({ exp: Math.floor(Date.now() / 1000) - 3600 })) },
    { when: "the token is not valid yet", authorization: () => rs256(published, channelClaims({ nbf: Math.floor(Date.now() / 1000) + 3600 })) },
    { when: "the token is for another app (wrong audience)", authorization: () => rs256(published, channelClaims({ aud: "99999999-2222-4333-8444-555555555555" })) },
    { when: "the token comes from another issuer", authorization: () => rs256(published, channelClaims({ iss: "https://issuer.example/" })) },
    { when: "the token vouches for another serviceUrl", authorization: () => rs256(published, channelClaims({ serviceurl: "https://attacker.example/" })) },
    { when: "the token has an Emulator issuer but no app id claim", authorization: () => rs256(published, channelClaims({ iss: EMULATOR_ISSUER, ver: "1.0" })) },
    { when: "the token looks like a skill's (skills are not accepted)", authorization: () => rs256(published, channelClaims({ iss: EMULATOR_ISSUER, ver: "2.0", azp: "another-bot", aud: APP_ID })) },
  ];
  for (const { when, authorization } of refused) {
    it(`answers 401 and never runs the bot when ${when}`, async () => {
      const before = running.bot.runs;

      const answer = await send(authorization());

      expect(answer.status).to.equal(401);
      expect(running.bot.runs).to.equal(before);
    });
  }

  it("reads the Emulator's keys from the configured loopback document too, never from the internet", async () => {
    await send(rs256(published, channelClaims({ iss: EMULATOR_ISSUER, ver: "1.0" })));

    expect(metadata.requests).to.include("/emulator/openid");
    expect(consoleError.called).to.equal(true);
  });
});

describe("incoming tokens when the signing metadata cannot be read", () => {
  const key = newSigningKey("k1");
  let consoleError: sinon.SinonStub;
  let running: RunningBot | undefined;

  beforeEach(() => {
    consoleError = sinon.stub(console, "error");
  });
  afterEach(async () => {
    sinon.restore();
    await running?.close();
    running = undefined;
  });

  const token = () => `Bearer ${jwt({ alg: "RS256", typ: "JWT", kid: key.kid }, channelClaims(), { key })}`;

  it("answers 401 and logs that the keys could not be loaded when nothing listens at the metadata URL", async () => {
    const gone = await LocalOpenIdMetadata.start([key]);
    const url = gone.documentUrl("channel");
    await gone.close();
    running = await startSignedBot({ channel: url, emulator: url });

    const answer = await post(`${running.url}/api/messages`, teamsMessage({ serviceUrl: SERVICE_URL }), { authorization: token() });

    expect(answer.status).to.equal(401);
    expect(running.bot.runs).to.equal(0);
    expect(running.logs.join("\n")).to.contain("token signing keys could not be loaded");
    expect(consoleError.called).to.equal(true);
  });

  it("answers 401 and logs it when the metadata URL answers 404", async () => {
    const metadata = await LocalOpenIdMetadata.start([key]);
    try {
      const missing = `${metadata.url}/nowhere`;
      running = await startSignedBot({ channel: missing, emulator: missing });

      const answer = await post(`${running.url}/api/messages`, teamsMessage({ serviceUrl: SERVICE_URL }), { authorization: token() });

      expect(answer.status).to.equal(401);
      expect(running.bot.runs).to.equal(0);
      expect(running.logs.join("\n")).to.contain("token signing keys could not be loaded");
    } finally {
      await metadata.close();
    }
  });
});
