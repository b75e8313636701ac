package io.switchboard.connector.voicetwilio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Opening hours are wall-clock times of the instance's zone, whatever the offset of the day. */
class BusinessHoursTest {

    @Test
    void openingHoursFollowTheWallClockAcrossTheSpringChange() {
        BusinessHours berlin = hours("Europe/Berlin", "Mon-Fri 09:00-17:00, Sun 08:00-12:00", "");

        // Sunday 29 March 2026: the clocks go from 02:00 to 03:00 (UTC+1 to UTC+2).
        assertFalse(berlin.isOpen(Instant.parse("2026-03-29T05:30:00Z")), "07:30 CEST");
        assertTrue(berlin.isOpen(Instant.parse("2026-03-29T06:30:00Z")), "08:30 CEST; it would be 07:30 at the winter offset");
        assertTrue(berlin.isOpen(Instant.parse("2026-03-27T08:30:00Z")), "Friday 09:30 CET");
        assertFalse(berlin.isOpen(Instant.parse("2026-03-30T06:30:00Z")), "Monday 08:30 CEST");
        assertTrue(berlin.isOpen(Instant.parse("2026-03-30T07:00:00Z")), "Monday 09:00 CEST: the first minute");
        assertTrue(berlin.isOpen(Instant.parse("2026-03-30T14:59:59Z")), "Monday 16:59:59 CEST");
        assertFalse(berlin.isOpen(Instant.parse("2026-03-30T15:00:00Z")), "Monday 17:00 CEST: closed");
    }

    @Test
    void openingHoursFollowTheWallClockAcrossTheAutumnChange() {
        BusinessHours newYork = hours("America/New_York", "Sun 01:00-02:00", "");

        // Sunday 1 November 2026: 01:00-02:00 happens twice (EDT, then EST); both are open.
        assertFalse(newYork.isOpen(Instant.parse("2026-11-01T04:59:00Z")), "00:59 EDT");
        assertTrue(newYork.isOpen(Instant.parse("2026-11-01T05:30:00Z")), "01:30 EDT");
        assertTrue(newYork.isOpen(Instant.parse("2026-11-01T06:30:00Z")), "01:30 EST, the second time");
        assertFalse(newYork.isOpen(Instant.parse("2026-11-01T07:00:00Z")), "02:00 EST");
    }

    @Test
    void aHolidayIsAWholeDayInTheInstancesZone() {
        BusinessHours berlin = hours("Europe/Berlin", "Mon-Sun 00:00-24:00", "2026-12-25, 2026-12-26");

        assertTrue(berlin.isOpen(Instant.parse("2026-12-24T22:59:59Z")), "23:59:59 on the 24th in Berlin");
        assertFalse(berlin.isOpen(Instant.parse("2026-12-24T23:00:00Z")), "midnight of the 25th in Berlin, still the 24th in UTC");
        assertFalse(berlin.isOpen(Instant.parse("2026-12-26T22:59:59Z")));
        assertTrue(berlin.isOpen(Instant.parse("2026-12-26T23:00:00Z")), "the 27th has begun in Berlin");
    }

    @Test
    void withoutOpeningHoursItIsOpenExceptOnHolidays() {
        BusinessHours always = hours("", "", "2026-01-01");

        assertTrue(always.isOpen(Instant.parse("2026-11-28T03:00:00Z")));
        assertFalse(always.isOpen(Instant.parse("2026-01-01T12:00:00Z")), "UTC without a time zone");
    }

    @Test
    void severalRangesADayAndRangesOfDaysOverTheWeekend() {
        BusinessHours hours = hours("UTC", "Mon-Fri 09:00-12:00 13:00-17:00; Fri-Mon 20:00-24:00\nSat 10:00-14:00", "");

        assertTrue(hours.isOpen(Instant.parse("2026-11-30T11:59:00Z")), "Monday morning");
        assertFalse(hours.isOpen(Instant.parse("2026-11-30T12:30:00Z")), "Monday lunch");
        assertTrue(hours.isOpen(Instant.parse("2026-11-30T13:00:00Z")), "Monday afternoon");
        assertTrue(hours.isOpen(Instant.parse("2026-11-28T23:59:59Z")), "Saturday night: Fri-Mon wraps over Sunday");
        assertTrue(hours.isOpen(Instant.parse("2026-11-29T20:00:00Z")), "Sunday night");
        assertFalse(hours.isOpen(Instant.parse("2026-11-29T12:00:00Z")), "Sunday noon");
        assertTrue(hours.isOpen(Instant.parse("2026-11-28T10:00:00Z")), "Saturday morning");
        assertFalse(hours.isOpen(Instant.parse("2026-12-02T20:00:00Z")), "Wednesday night");
    }

    @Test
    void aListOfEntriesIsReadLikeOneText() {
        Map<String, Object> configuration = new HashMap<>();
        configuration.put("openingHours", new String[] {"Mon 09:00-10:00", "Tue 09:00-10:00"});
        configuration.put("holidays", new String[] {"2026-12-01"});
        BusinessHours hours = BusinessHours.from(configuration);

        assertTrue(hours.isOpen(Instant.parse("2026-11-30T09:30:00Z")));
        assertFalse(hours.isOpen(Instant.parse("2026-12-01T09:30:00Z")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Mars/Olympus | | | timeZone \"Mars/Olympus\" is not a time zone; use a region such as Europe/Berlin or America/New_York",
        "UTC | Weekdays 09:00-17:00 | | openingHours: \"Weekdays 09:00-17:00\" is not like \"Mon-Fri 09:00-17:00\"",
        "UTC | Mon-Fri | | openingHours: \"Mon-Fri\" is not like \"Mon-Fri 09:00-17:00\"",
        "UTC | Mon-Fri 9-17 | | openingHours: \"Mon-Fri 9-17\": \"9-17\" is not a time range like 09:00-17:00",
        "UTC | Fri 22:00-06:00 | | openingHours: \"Fri 22:00-06:00\": 22:00-06:00 ends before it starts; split a range over midnight",
        "UTC | Mon 09:00-25:00 | | openingHours: \"Mon 09:00-25:00\": 25:00 is not a time (24:00 is the end of the day)",
        "UTC | | 25.12.2026 | holidays: \"25.12.2026\" is not a date like 2026-12-25",
    })
    void aBadScheduleIsRefusedNamingTheField(String zone, String opening, String holidays, String expected) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> hours(zone, opening == null ? "" : opening, holidays == null ? "" : holidays));

        assertTrue(refused.getMessage().startsWith(expected), refused.getMessage());
    }

    @Test
    void theScheduleIsCheckedWhenTheInstanceIsCreated() {
        Map<String, Object> configuration = Fixtures.configuration(null);
        configuration.put("openingHours", "Mon-Fri 09:00-17:00, Sat 10:00-9:00");
        var context = new io.switchboard.testkit.RecordingChannelContext("support", configuration);

        assertEquals("openingHours: \"Sat 10:00-9:00\": \"10:00-9:00\" is not a time range like 09:00-17:00",
                assertThrows(IllegalArgumentException.class, () -> new VoiceTwilioChannelType().create(context)).getMessage());
    }

    private static BusinessHours hours(String zone, String opening, String holidays) {
        Map<String, Object> configuration = new HashMap<>();
        configuration.put("timeZone", zone);
        configuration.put("openingHours", opening);
        configuration.put("holidays", holidays);
        return BusinessHours.from(configuration);
    }
}
