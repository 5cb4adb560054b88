/**
 * Shared by the Kafka tests: whether a real broker can run here (Java 17 + Maven, see
 * scripts/kafka-broker.js) and whether it must (`.ci/run` sets STREAMLAB_REQUIRE_KAFKA=1), and how
 * a topic's JSON messages become typed rows again (kafkaGraphs.ts, shared with the child process).
 */
export * from "./kafkaGraphs";
import { describe, expect, it } from "vitest";
import { brokerAvailable, brokerUnavailableReason } from "../../scripts/kafka-broker";

export const KAFKA_REQUIRED = process.env.STREAMLAB_REQUIRE_KAFKA === "1";
export const KAFKA_AVAILABLE = brokerAvailable();
export const KAFKA_UNAVAILABLE_REASON = KAFKA_AVAILABLE ? "" : brokerUnavailableReason();

/** A describe block that fails when the broker is required but missing; says why tests are skipped otherwise. */
export function describeKafkaAvailability(title: string): void {
  if (!KAFKA_AVAILABLE && !KAFKA_REQUIRED) {
    console.warn(`[streamlab] ${title} SKIPPED: ${KAFKA_UNAVAILABLE_REASON}\n  (install Java 17 + Maven to run them; set STREAMLAB_REQUIRE_KAFKA=1 to make this a failure)`);
  }
  describe(title, () => {
    it.runIf(KAFKA_REQUIRED)("a Kafka broker can be started (STREAMLAB_REQUIRE_KAFKA=1)", () => {
      expect(KAFKA_AVAILABLE, `a Kafka broker is required but not available: ${KAFKA_UNAVAILABLE_REASON}`).toBe(true);
    });
  });
}

/** A topic name no other test uses. */
let topics = 0;
export function freshTopic(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now()}-${topics++}`;
}

