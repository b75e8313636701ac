package io.switchboard.tickets;

import java.time.LocalDate;
import java.util.Map;

/**
 * The calls of one channel instance that started on one day (UTC), counted. Every call counts in
 * {@code calls}, those still going on too; each ended call also counts in the field of its outcome.
 *
 * @param abandonmentRate {@code abandoned / calls}, from 0 to 1; null when there were no calls
 * @param averageTalkSeconds the mean talk time of the calls whose talk time is known; null when none is
 * @param averageIvrSeconds the mean time in the menu of the calls whose menu time is known; null when none is
 * @param averageWaitSeconds the mean queue wait of the calls whose wait is known; null when none is
 * @param serviceLevel the share, from 0 to 1, of the answered and abandoned calls that were answered
 *     after waiting at most the service-level threshold (an answered call with no known wait did not
 *     wait); null when there were no answered or abandoned calls
 * @param perAgent calls per agent, for the calls that name one, by agent name
 */
public record CallStats(String instance, LocalDate date, long calls, long answered, long abandoned,
        Double abandonmentRate, long voicemails, long callbacks, long missed, Double averageTalkSeconds,
        Double averageIvrSeconds, Double averageWaitSeconds, Double serviceLevel, Map<String, Long> perAgent) {
    public CallStats {
        perAgent = Map.copyOf(perAgent);
    }
}
