import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, type Activity } from "botbuilder";
// CloudAdapter answers 401 only for this class; botframework-connector is botbuilder's own dependency (same version).
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from "botframework-connector";
import type { Config } from "./config";

export type AuthenticationConfig = Pick<Config, "microsoftApp"> & Partial<Pick<Config, "tokenValidation">>;

const UNAUTHORIZED = 401;

/**
 * botbuilder lets some token failures escape as plain errors (a signature jsonwebtoken rejects, signing metadata that
 * cannot be fetched), which CloudAdapter turns into 500. A request we could not authenticate is unauthorized, whatever
 * the reason: every failure becomes a 401, and the ones that are our side's trouble (keys unreachable) are logged.
 */
export class FailClosedAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    config: AuthenticationConfig,
    private readonly log: (message: string, error?: unknown) => void,
  ) {
    super(botbuilderSettings(config));
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw this.unauthorized(error);
    }
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (error) {
      throw this.unauthorized(error);
    }
  }

  private unauthorized(error: unknown): AuthenticationError {
    if (error instanceof AuthenticationError && error.statusCode === UNAUTHORIZED) return error;
    if (!(error instanceof AuthenticationError) && isTokenRejection(error)) return new AuthenticationError("Unauthorized. Invalid token.", UNAUTHORIZED);
    this.log("Could not authenticate a request: the token signing keys could not be loaded (answered 401)", error);
    return new AuthenticationError("Unauthorized. The token could not be verified.", UNAUTHORIZED);
  }
}

// jsonwebtoken's verdicts on the token itself (bad signature, wrong algorithm, not yet valid): the caller's fault.
function isTokenRejection(error: unknown): boolean {
  return error instanceof Error && (error.name === "JsonWebTokenError" || error.name === "NotBeforeError" || error.name === "TokenExpiredError");
}

function botbuilderSettings(config: AuthenticationConfig): Record<string, string | undefined> {
  const app = config.microsoftApp;
  const credentials = { MicrosoftAppId: app.id, MicrosoftAppPassword: app.password, MicrosoftAppType: app.type, MicrosoftAppTenantId: app.tenantId };
  const keys = config.tokenValidation;
  const overridden = keys !== undefined && Object.values(keys).some((value) => value !== undefined);
  if (!overridden) return credentials;
  // Once one of these is set, botbuilder takes every one of them as given (an unset issuer would accept no token):
  // the ones not overridden keep the public-cloud values botbuilder uses by default.
  return {
    ...credentials,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ToBotFromChannelTokenIssuer: keys.channelTokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromChannelOpenIdMetadataUrl: keys.channelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: keys.emulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  };
}
