package io.switchboard.connector.voicetwilio.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When calls reach the IVR: weekly opening hours in the instance's time zone, minus holidays (whole
 * days in that zone). Times are wall-clock times, so opening at 09:00 stays 09:00 across daylight
 * saving changes.
 */
final class BusinessHours {

    static final String TIME_ZONE = "timeZone";
    static final String OPENING_HOURS = "openingHours";
    static final String HOLIDAYS = "holidays";

    private static final Pattern DAYS = Pattern.compile("([a-z]{3})(?:-([a-z]{3}))?");
    private static final Pattern RANGE = Pattern.compile("([0-2][0-9]):([0-5][0-9])-([0-2][0-9]):([0-5][0-9])");
    private static final Map<String, DayOfWeek> DAY_NAMES = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
            "sun", DayOfWeek.SUNDAY);

    /** A span of one day, end exclusive; an end of 24:00 is the end of the day. */
    record Span(LocalTime start, LocalTime end, boolean untilMidnight) {
        boolean contains(LocalTime time) {
            return !time.isBefore(start) && (untilMidnight || time.isBefore(end));
        }
    }

    private final ZoneId zone;
    /** Null: open around the clock (no opening hours configured). */
    private final Map<DayOfWeek, List<Span>> week;
    private final Set<LocalDate> holidays;

    BusinessHours(ZoneId zone, Map<DayOfWeek, List<Span>> week, Set<LocalDate> holidays) {
        this.zone = zone;
        this.week = week;
        this.holidays = Set.copyOf(holidays);
    }

    static BusinessHours from(Map<String, Object> configuration) {
        return new BusinessHours(zone(configuration.get(TIME_ZONE)), week(texts(configuration.get(OPENING_HOURS), OPENING_HOURS)),
                holidays(texts(configuration.get(HOLIDAYS), HOLIDAYS)));
    }

    boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        if (week == null) {
            return true;
        }
        LocalTime time = local.toLocalTime();
        return week.getOrDefault(local.getDayOfWeek(), List.of()).stream().anyMatch(span -> span.contains(time));
    }

    ZoneId zone() {
        return zone;
    }

    private static ZoneId zone(Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(String.valueOf(value).strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(TIME_ZONE + " \"" + value + "\" is not a time zone; use a region such as "
                    + "Europe/Berlin or America/New_York");
        }
    }

    /**
     * "Mon-Fri 09:00-17:00, Sat 10:00-14:00": entries separated by commas, semicolons or new lines
     * (or given as a list), each one day or a range of days and one or more time ranges.
     */
    private static Map<DayOfWeek, List<Span>> week(List<String> entries) {
        if (entries.isEmpty()) {
            return null;
        }
        Map<DayOfWeek, List<Span>> week = new EnumMap<>(DayOfWeek.class);
        for (String entry : entries) {
            String[] words = entry.strip().toLowerCase(Locale.ROOT).split("\\s+");
            Matcher days = DAYS.matcher(words[0]);
            if (words.length < 2 || !days.matches() || !DAY_NAMES.containsKey(days.group(1))
                    || days.group(2) != null && !DAY_NAMES.containsKey(days.group(2))) {
                throw new IllegalArgumentException(OPENING_HOURS + ": \"" + entry.strip() + "\" is not like "
                        + "\"Mon-Fri 09:00-17:00\" (days Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
            }
            List<Span> spans = new ArrayList<>();
            for (int i = 1; i < words.length; i++) {
                spans.add(span(words[i], entry.strip()));
            }
            DayOfWeek first = DAY_NAMES.get(days.group(1));
            DayOfWeek last = days.group(2) == null ? first : DAY_NAMES.get(days.group(2));
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                week.computeIfAbsent(day, d -> new ArrayList<>()).addAll(spans);
                if (day == last) {
                    break;
                }
            }
        }
        week.replaceAll((day, spans) -> List.copyOf(spans));
        return week;
    }

    private static Span span(String text, String entry) {
        Matcher range = RANGE.matcher(text);
        if (!range.matches()) {
            throw new IllegalArgumentException(OPENING_HOURS + ": \"" + entry + "\": \"" + text
                    + "\" is not a time range like 09:00-17:00");
        }
        LocalTime start = time(range.group(1), range.group(2), entry, false);
        boolean midnight = range.group(3).equals("24") && range.group(4).equals("00");
        LocalTime end = midnight ? LocalTime.MAX : time(range.group(3), range.group(4), entry, true);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(OPENING_HOURS + ": \"" + entry + "\": " + text + " ends before it starts; "
                    + "split a range over midnight into two days, e.g. \"Fri 22:00-24:00, Sat 00:00-06:00\"");
        }
        return new Span(start, end, midnight);
    }

    private static LocalTime time(String hours, String minutes, String entry, boolean end) {
        int hour = Integer.parseInt(hours);
        if (hour > 23) {
            throw new IllegalArgumentException(OPENING_HOURS + ": \"" + entry + "\": " + hours + ":" + minutes
                    + " is not a time" + (end ? " (24:00 is the end of the day)" : ""));
        }
        return LocalTime.of(hour, Integer.parseInt(minutes));
    }

    private static Set<LocalDate> holidays(List<String> entries) {
        Set<LocalDate> dates = new TreeSet<>();
        for (String entry : entries) {
            try {
                dates.add(LocalDate.parse(entry.strip()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(HOLIDAYS + ": \"" + entry.strip() + "\" is not a date like 2026-12-25");
            }
        }
        return dates;
    }

    /** A text with entries separated by commas, semicolons or new lines, or a list of such texts. */
    private static List<String> texts(Object value, String key) {
        List<String> parts = new ArrayList<>();
        if (value == null) {
            return parts;
        }
        List<Object> values = new ArrayList<>();
        if (value instanceof Object[] array) {
            values.addAll(List.of(array));
        } else if (value instanceof Iterable<?> iterable) {
            iterable.forEach(values::add);
        } else {
            values.add(value);
        }
        for (Object item : values) {
            if (!(item instanceof String text)) {
                throw new IllegalArgumentException(key + " must be text");
            }
            for (String part : text.split("[,;\\n]")) {
                if (!part.isBlank()) {
                    parts.add(part.strip());
                }
            }
        }
        return parts;
    }
}
