// Loaded by mocha before any test (see .mocharc.json).
import chai from "chai";

chai.config.truncateThreshold = 0;
