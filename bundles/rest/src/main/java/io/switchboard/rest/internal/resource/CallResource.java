package io.switchboard.rest.internal.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.rest.internal.CoreServices;
import io.switchboard.tickets.CallStats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Phone calls as supervisors follow them: the standard contact-centre figures per instance and day. */
@Path("api/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
public final class CallResource {
    static final int MAX_DAYS = 92;
    static final int DEFAULT_SERVICE_LEVEL_SECONDS = 20;
    private static final int MAX_SERVICE_LEVEL_SECONDS = 3600;

    private final CoreServices services;

    public CallResource(CoreServices services) {
        this.services = services;
    }

    /** The answer: the range asked for, and one item per instance and day. */
    public record CallStatsReport(LocalDate from, LocalDate to, int serviceLevelSeconds, List<DayView> days) {
    }

    /** One instance's day. Figures without any call to compute them from are null, and shown as null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DayView(String instance, LocalDate date, long calls, long answered, long abandoned,
            Double abandonmentRate, long voicemails, long callbacks, long missed, Double averageTalkSeconds,
            Double averageIvrSeconds, Double averageWaitSeconds, Double serviceLevel, Map<String, Long> perAgent) {

        static DayView of(CallStats s) {
            return new DayView(s.instance(), s.date(), s.calls(), s.answered(), s.abandoned(), s.abandonmentRate(),
                    s.voicemails(), s.callbacks(), s.missed(), s.averageTalkSeconds(), s.averageIvrSeconds(),
                    s.averageWaitSeconds(), s.serviceLevel(), new java.util.TreeMap<>(s.perAgent()));
        }
    }

    @GET
    @Path("stats")
    public CallStatsReport stats(@QueryParam("instance") String instance, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("serviceLevelSeconds") String serviceLevelSeconds) {
        QueryParameters parameters = new QueryParameters();
        LocalDate first = parameters.date("from", from, true);
        LocalDate last = parameters.date("to", to, true);
        int threshold = parameters.integer("serviceLevelSeconds", serviceLevelSeconds, DEFAULT_SERVICE_LEVEL_SECONDS,
                0, MAX_SERVICE_LEVEL_SECONDS);
        if (first != null && last != null) {
            if (last.isBefore(first)) {
                parameters.invalid("to", "must not be before from");
            } else if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
                parameters.invalid("to", "must be at most " + MAX_DAYS + " days from from, both included");
            }
        }
        parameters.throwIfInvalid();
        List<DayView> days = services.tickets().callStats(QueryParameters.text(instance), first, last, threshold)
                .stream().map(DayView::of).toList();
        return new CallStatsReport(first, last, threshold, days);
    }
}
